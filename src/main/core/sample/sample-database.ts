import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { sqliteOptions } from '../connections/sqlite/native-binding';

/** Tables of the sample shop, in dependency order. */
export const SAMPLE_TABLES = ['categories', 'customers', 'products', 'orders', 'order_items', 'reviews'] as const;
export const SAMPLE_VIEWS = ['order_totals'] as const;

export function samplePath(dataDir: string): string {
  return join(dataDir, 'sample', 'shop.sqlite');
}

/** Creates `<dataDir>/sample/shop.sqlite` when missing. `created` tells whether it was built now. */
export function ensureSampleDatabase(dataDir: string): { path: string; created: boolean } {
  const path = samplePath(dataDir);
  if (existsSync(path)) return { path, created: false };
  buildSampleDatabase(path);
  return { path, created: true };
}

/**
 * Builds the sample shop at `path` (replacing it): a temp file filled in one transaction, then renamed, so a
 * crash never leaves half a database where the app expects one. The data depends only on the seed.
 */
export function buildSampleDatabase(path: string, seed = 20240101): void {
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  rmSync(temp, { force: true });
  const db = new Database(temp, sqliteOptions());
  try {
    db.pragma('journal_mode = OFF'); // a crash just leaves the temp file, which the next build replaces
    db.pragma('synchronous = OFF');
    db.pragma('foreign_keys = ON');
    db.transaction(() => {
      db.exec(SCHEMA);
      fill(db, mulberry32(seed));
    })();
    db.pragma('journal_mode = DELETE');
    db.exec('ANALYZE');
    db.close();
    renameSync(temp, path);
  } catch (error) {
    if (db.open) db.close();
    rmSync(temp, { force: true });
    throw error;
  }
}

/** A tiny deterministic PRNG (public-domain mulberry32); returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SCHEMA = `
CREATE TABLE categories (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  parent_id INTEGER REFERENCES categories (id) ON DELETE SET NULL,
  description TEXT
);
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  first_name TEXT NOT NULL,
  last_name TEXT NOT NULL,
  email TEXT NOT NULL UNIQUE,
  phone TEXT,
  city TEXT NOT NULL,
  country TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  category_id INTEGER NOT NULL REFERENCES categories (id),
  sku TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  description TEXT,
  price NUMERIC(10, 2) NOT NULL CHECK (price >= 0),
  stock INTEGER NOT NULL DEFAULT 0,
  created_at TEXT NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers (id),
  status TEXT NOT NULL DEFAULT 'pending'
    CHECK (status IN ('pending', 'processing', 'shipped', 'delivered', 'cancelled')),
  ordered_at TEXT NOT NULL,
  shipped_at TEXT,
  shipping_city TEXT NOT NULL
);
CREATE TABLE order_items (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  product_id INTEGER NOT NULL REFERENCES products (id),
  quantity INTEGER NOT NULL CHECK (quantity > 0),
  unit_price NUMERIC(10, 2) NOT NULL
);
CREATE TABLE reviews (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
  title TEXT,
  body TEXT,
  created_at TEXT NOT NULL,
  UNIQUE (product_id, customer_id)
);
CREATE INDEX idx_categories_parent ON categories (parent_id);
CREATE INDEX idx_products_category ON products (category_id);
CREATE INDEX idx_orders_customer ON orders (customer_id);
CREATE INDEX idx_orders_ordered_at ON orders (ordered_at);
CREATE INDEX idx_order_items_order ON order_items (order_id);
CREATE INDEX idx_order_items_product ON order_items (product_id);
CREATE INDEX idx_reviews_customer ON reviews (customer_id);
CREATE VIEW order_totals AS
  SELECT o.id AS order_id, o.customer_id, o.status, o.ordered_at,
         count(oi.id) AS item_count, round(sum(oi.quantity * oi.unit_price), 2) AS total
  FROM orders o JOIN order_items oi ON oi.order_id = o.id
  GROUP BY o.id;
`;

const CATEGORY_TREE: [string, string[]][] = [
  ['Electronics', ['Phones', 'Laptops', 'Audio']],
  ['Home & Kitchen', ['Cookware', 'Furniture', 'Lighting']],
  ['Books', ['Fiction', 'Science', 'Cooking']],
  ['Sports & Outdoors', ['Cycling', 'Camping', 'Fitness']],
  ['Clothing', ['Shoes', 'Jackets', 'Accessories']],
];
const FIRST = [
  'Emma',
  'Liam',
  'Olivia',
  'Noah',
  'Ava',
  'Elijah',
  'Sophia',
  'Lucas',
  'Mia',
  'Mateo',
  'Amelia',
  'Hugo',
  'Léa',
  'Jonas',
  'Sofía',
  'Arjun',
  'Yuki',
  'Chen',
  'Fatima',
  'Omar',
  'Ingrid',
  'Lars',
  'Zoe',
  'Ethan',
  'Chloe',
  'Diego',
  'Aisha',
  'Mohammed',
  'Hannah',
  'Pierre',
  'Giulia',
  'Marco',
  'Anna',
  'Jakub',
  'Nina',
  'Tomás',
  'Priya',
  'Kenji',
  'Sara',
  'Felix',
];
const LAST = [
  'Smith',
  'Johnson',
  'Müller',
  'Garcia',
  'Rossi',
  'Dubois',
  'Novak',
  'Kowalski',
  'Silva',
  'Tanaka',
  'Kim',
  'Nguyen',
  'Patel',
  'Andersen',
  'Jansen',
  'Brown',
  'Wilson',
  'Martin',
  'López',
  'Schmidt',
  'Fischer',
  'Moreau',
  'Costa',
  'Ivanova',
  'Cohen',
  'Okafor',
  'Haddad',
  'Larsen',
  "O'Brien",
  'Walker',
];
const PLACES: [string, string][] = [
  ['Berlin', 'Germany'],
  ['Hamburg', 'Germany'],
  ['Paris', 'France'],
  ['Lyon', 'France'],
  ['Madrid', 'Spain'],
  ['Lisbon', 'Portugal'],
  ['Rome', 'Italy'],
  ['Milan', 'Italy'],
  ['Amsterdam', 'Netherlands'],
  ['Vienna', 'Austria'],
  ['Prague', 'Czechia'],
  ['Warsaw', 'Poland'],
  ['Copenhagen', 'Denmark'],
  ['Stockholm', 'Sweden'],
  ['Dublin', 'Ireland'],
  ['London', 'United Kingdom'],
  ['Manchester', 'United Kingdom'],
  ['New York', 'United States'],
  ['Austin', 'United States'],
  ['Toronto', 'Canada'],
  ['São Paulo', 'Brazil'],
  ['Tokyo', 'Japan'],
  ['Seoul', 'South Korea'],
  ['Sydney', 'Australia'],
];
const ADJECTIVES = [
  'Classic',
  'Compact',
  'Deluxe',
  'Eco',
  'Ultra',
  'Smart',
  'Vintage',
  'Pro',
  'Lite',
  'Premium',
  'Rugged',
  'Essential',
  'Urban',
  'Nordic',
  'Studio',
];
const NOUNS: Record<string, string[]> = {
  Phones: ['Phone', 'Phone Case', 'Charger', 'Screen Guard'],
  Laptops: ['Laptop', 'Laptop Stand', 'Docking Station', 'Sleeve'],
  Audio: ['Headphones', 'Speaker', 'Earbuds', 'Turntable'],
  Cookware: ['Skillet', 'Saucepan', 'Dutch Oven', 'Knife Set'],
  Furniture: ['Desk', 'Chair', 'Bookshelf', 'Side Table'],
  Lighting: ['Desk Lamp', 'Floor Lamp', 'LED Strip', 'Pendant Light'],
  Fiction: ['Novel', 'Short Stories', 'Mystery', 'Fantasy Saga'],
  Science: ['Physics Primer', 'Astronomy Guide', 'Biology Atlas', 'Math Puzzles'],
  Cooking: ['Baking Book', 'Pasta Cookbook', 'Vegan Kitchen', 'Spice Guide'],
  Cycling: ['Bike Helmet', 'Bike Light', 'Saddle', 'Pump'],
  Camping: ['Tent', 'Sleeping Bag', 'Lantern', 'Camp Stove'],
  Fitness: ['Yoga Mat', 'Kettlebell', 'Jump Rope', 'Foam Roller'],
  Shoes: ['Sneakers', 'Boots', 'Sandals', 'Trail Shoes'],
  Jackets: ['Rain Jacket', 'Down Jacket', 'Fleece', 'Windbreaker'],
  Accessories: ['Backpack', 'Wallet', 'Scarf', 'Sunglasses'],
};
const PRICE_RANGE: Record<string, [number, number]> = {
  Electronics: [9, 1899],
  'Home & Kitchen': [12, 899],
  Books: [6, 59],
  'Sports & Outdoors': [8, 649],
  Clothing: [9, 299],
};
const REVIEW_TITLES = ['Terrible', 'Disappointing', 'It is okay', 'Very good', 'Excellent!'];
const REVIEW_BODIES = [
  'Broke after a week.',
  'Not what the photos showed.',
  'Does the job, nothing more.',
  'Good value for the price.',
  'Would buy again without hesitation.',
  'Arrived quickly and well packed.',
  'Quality feels great.',
];
const STATUSES: [string, number][] = [
  ['delivered', 0.72],
  ['shipped', 0.1],
  ['processing', 0.05],
  ['pending', 0.05],
  ['cancelled', 0.08],
];

/** Fixed base date so every build yields the same data. */
const BASE = Date.UTC(2025, 5, 30);
const DAY = 86_400_000;

function fill(db: Database.Database, rand: () => number): void {
  const int = (min: number, max: number) => min + Math.floor(rand() * (max - min + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const daysAgo = (maxDays: number) =>
    new Date(BASE - Math.floor(rand() * maxDays * DAY) - int(0, DAY - 1)).toISOString().slice(0, 19).replace('T', ' ');

  const categoryRoot = new Map<number, string>(); // category id → top-level name (price range)
  const leaves: { id: number; name: string }[] = [];
  const insertCategory = db.prepare('INSERT INTO categories (id, name, parent_id, description) VALUES (?, ?, ?, ?)');
  let categoryId = 0;
  for (const [top, children] of CATEGORY_TREE) {
    const topId = ++categoryId;
    insertCategory.run(topId, top, null, `Everything in ${top.toLowerCase()}`);
    categoryRoot.set(topId, top);
    for (const child of children) {
      insertCategory.run(++categoryId, child, topId, `${child} from our ${top} range`);
      categoryRoot.set(categoryId, top);
      leaves.push({ id: categoryId, name: child });
    }
  }

  const CUSTOMERS = 2000;
  const customerCity: string[] = [''];
  const insertCustomer = db.prepare('INSERT INTO customers VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (let id = 1; id <= CUSTOMERS; id++) {
    const first = pick(FIRST);
    const last = pick(LAST);
    const [city, country] = pick(PLACES);
    const local = `${first}.${last}`
      .normalize('NFD')
      .replace(/[^A-Za-z.]/g, '')
      .toLowerCase();
    const phone = rand() < 0.15 ? null : `+${int(1, 49)} ${int(100, 999)} ${int(1000000, 9999999)}`;
    insertCustomer.run(id, first, last, `${local}${id}@example.com`, phone, city, country, daysAgo(1500));
    customerCity.push(city);
  }

  const PRODUCTS = 500;
  const productPrice: number[] = [0];
  const insertProduct = db.prepare('INSERT INTO products VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
  for (let id = 1; id <= PRODUCTS; id++) {
    const leaf = pick(leaves);
    const [lo, hi] = PRICE_RANGE[categoryRoot.get(leaf.id)!]!;
    // skewed towards cheap items, ending in .99/.49 like real price tags
    const price = Math.floor(lo + (hi - lo) * rand() ** 2.5) + pick([0.99, 0.49, 0.0]);
    const name = `${pick(ADJECTIVES)} ${pick(NOUNS[leaf.name]!)}`;
    const sku = `${leaf.name.slice(0, 3).toUpperCase()}-${String(id).padStart(5, '0')}`;
    insertProduct.run(
      id,
      leaf.id,
      sku,
      `${name} ${int(1, 9)}${pick(['00', '50', 'X', 'S'])}`,
      `${name} in the ${leaf.name.toLowerCase()} line.`,
      price,
      int(0, 400),
      daysAgo(1200),
    );
    productPrice.push(price);
  }

  const ORDERS = 10_000;
  const insertOrder = db.prepare('INSERT INTO orders VALUES (?, ?, ?, ?, ?, ?)');
  const insertItem = db.prepare(
    'INSERT INTO order_items (order_id, product_id, quantity, unit_price) VALUES (?, ?, ?, ?)',
  );
  for (let id = 1; id <= ORDERS; id++) {
    const customerId = int(1, CUSTOMERS);
    let r = rand();
    let status = 'delivered';
    for (const [s, p] of STATUSES) {
      if (r < p) {
        status = s;
        break;
      }
      r -= p;
    }
    const orderedMs = BASE - Math.floor(rand() * 730 * DAY);
    const shipped =
      status === 'shipped' || status === 'delivered'
        ? new Date(orderedMs + int(1, 5) * DAY).toISOString().slice(0, 19).replace('T', ' ')
        : null;
    insertOrder.run(
      id,
      customerId,
      status,
      new Date(orderedMs).toISOString().slice(0, 19).replace('T', ' '),
      shipped,
      customerCity[customerId]!,
    );
    const itemCount = int(1, 5);
    const products = new Set<number>();
    while (products.size < itemCount) products.add(int(1, PRODUCTS));
    for (const productId of products) {
      const discount = rand() < 0.1 ? 0.9 : 1; // the odd sale price
      insertItem.run(
        id,
        productId,
        rand() < 0.75 ? 1 : int(2, 4),
        Math.round(productPrice[productId]! * discount * 100) / 100,
      );
    }
  }

  const REVIEWS = 8000;
  const insertReview = db.prepare(
    'INSERT INTO reviews (product_id, customer_id, rating, title, body, created_at) VALUES (?, ?, ?, ?, ?, ?)',
  );
  const seen = new Set<number>();
  while (seen.size < REVIEWS) {
    const productId = int(1, PRODUCTS);
    const customerId = int(1, CUSTOMERS);
    const key = productId * 10_000 + customerId;
    if (seen.has(key)) continue;
    seen.add(key);
    const rating = Math.min(5, Math.max(1, Math.round(4 + (rand() - 0.65) * 4)));
    insertReview.run(
      productId,
      customerId,
      rating,
      REVIEW_TITLES[rating - 1]!,
      rand() < 0.2 ? null : pick(REVIEW_BODIES),
      daysAgo(700),
    );
  }
}

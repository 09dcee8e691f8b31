import { faker as defaultFaker, type Faker } from '@faker-js/faker';
import Handlebars from 'handlebars';
import { randomUUID } from 'node:crypto';
import { isAbsolute } from 'node:path';
import { AppError } from '../../../../shared/errors';
import type { MockRequest } from '../mock-http';
import { SCOPE_KEY, type RenderScope, type TemplateState } from './render-scope';
import { templateHelpers } from './template-helpers';

export type { TemplateState } from './render-scope';

export interface CompileTemplateOptions {
  /** The mock's folder (absolute). Reserved for helpers that read files: none does yet, so none can leave it. */
  root: string;
  /** Names the template in errors (a file name or `GET /users response 1`). */
  name?: string;
  /** Random values come from here: pass a seeded `new Faker({ locale: [en, base], seed })` for repeatable output. */
  faker?: Faker;
  /** The clock for `now` and `dateTimeShift`. */
  now?: () => Date;
}

/** A template compiled once at load; `render` runs it for each request and never compiles again. */
export interface CompiledTemplate {
  /** Throws an AppError (`INVALID_INPUT`, details `{ phase: 'render', template }`) when a helper fails. */
  render(request: MockRequest, state?: TemplateState): string;
}

/**
 * The compiler stages behind `Handlebars.compile`, public on every environment but missing from its types. Used
 * directly because `compile` defers its work to the first render.
 */
interface CompilerStages {
  Parser: { lexer?: { yylloc?: { first_line: number; first_column: number } } };
  Compiler: new () => { compile(ast: hbs.AST.Program, options: object): unknown };
  JavaScriptCompiler: new () => {
    compile(program: unknown, options: object, context: undefined, asObject: true): TemplateSpecification;
  };
}

/** A helper call's place in the template (`options.loc`), as Handlebars writes it into its generated code. */
type HelperLocation = Readonly<{ start: Readonly<{ line: number; column: number }>; end: object }>;

/**
 * The fields of Handlebars' per-template runtime container holding the template's helper locations and the
 * empty hash of a helper call without `key=value` arguments (helpers only read their hash).
 */
const LOCATIONS_KEY = 'backbench_locations';
const NO_HASH_KEY = 'backbench_no_hash';
const NO_HASH = Object.freeze({});

/** The parts of Handlebars' JavaScriptCompiler that `setupHelperArgs` uses (see its source, 4.7). */
interface CodeGenerator {
  setupParams(helper: unknown, paramSize: number, params: unknown[] | undefined): Record<string, unknown>;
  objectLiteral(options: Record<string, unknown>): unknown;
  useRegister(name: string): void;
  source: { currentLocation?: HelperLocation };
  compiler: unknown;
}

/**
 * The environment's code generator, writing each helper call's `loc` as a reference to a location made once at
 * compile time (`container.backbench_locations[3]`) instead of Handlebars' nested object literal, which made
 * three objects per helper call per render, and an empty hash as one shared object. The runtime container gets
 * both on the first render (`keepSetup`). `setupHelperArgs` is Handlebars' own (4.7) but for those two lines.
 */
function withSharedLocations(
  env: typeof Handlebars & CompilerStages,
  locations: HelperLocation[],
): CompilerStages['JavaScriptCompiler'] {
  const Base = env.JavaScriptCompiler;
  function LeanCompiler(this: unknown) {
    Base.call(this);
  }
  const proto = Object.create(Base.prototype) as CodeGenerator & {
    setupHelperArgs(helper: unknown, paramSize: number, params: unknown[] | undefined, useRegister: boolean): unknown;
  };
  LeanCompiler.prototype = proto;
  // child programs (`each`, `if` blocks) are compiled by `new this.compiler()`
  proto.compiler = LeanCompiler;
  proto.setupHelperArgs = function setupHelperArgs(this: CodeGenerator, helper, paramSize, params, useRegister) {
    const options = this.setupParams(helper, paramSize, params);
    // Handlebars' literal for a call without hash arguments
    if (options.hash === '{}') options.hash = `container.${NO_HASH_KEY}`;
    const loc = this.source.currentLocation;
    if (loc) {
      const { start, end } = JSON.parse(JSON.stringify(loc)) as HelperLocation;
      locations.push(Object.freeze({ start: Object.freeze(start), end: Object.freeze(end) }));
      options.loc = `container.${LOCATIONS_KEY}[${locations.length - 1}]`;
    }
    const literal = this.objectLiteral(options);
    if (useRegister) {
      this.useRegister('options');
      params!.push('options');
      return ['options=', literal];
    }
    if (params) {
      params.push(literal);
      return '';
    }
    return literal;
  };
  return LeanCompiler as unknown as CompilerStages['JavaScriptCompiler'];
}

/** The names a template's paths start with: the helpers it may call. */
class PathNames extends Handlebars.Visitor {
  readonly names = new Set<string>();
  override PathExpression(path: hbs.AST.PathExpression): void {
    this.names.add(path.original);
  }
}

/**
 * A Handlebars environment of the template's own, with only the helpers it names. Own: helpers never leak into
 * the global `Handlebars`. Only those it names: Handlebars wraps every registered helper again on each render, so
 * ninety registered helpers would cost ~40 µs per response where a handful cost ~2 µs.
 */
function environmentFor(ast: hbs.AST.Program): typeof Handlebars & CompilerStages {
  const visitor = new PathNames();
  visitor.accept(ast);
  const env = Handlebars.create();
  for (const name of visitor.names) {
    const helper = Object.hasOwn(templateHelpers, name) ? templateHelpers[name] : undefined;
    if (helper !== undefined) env.registerHelper(name, helper);
  }
  return env as typeof Handlebars & CompilerStages;
}

const knownHelpers = Object.fromEntries(Object.keys(templateHelpers).map((name) => [name, true]));

const COMPILE_OPTIONS = {
  // JSON bodies must not be HTML-escaped (Mockoon's helpers return SafeStrings for the same reason)
  noEscape: true,
  // a call to a helper that does not exist is an error at load, not an empty string at run time
  knownHelpers,
  knownHelpersOnly: true,
  data: true,
  strict: false,
};

/**
 * What Handlebars sets up at the start of every render of a template (its helpers wrapped again, one by one, the
 * prototype access rules made again): the same each time (our helpers aside, see below), so kept from the first render and handed to the next
 * ones the way Handlebars hands its own to a partial (`partial: true`), which skips the set-up.
 */
interface RenderSetup {
  helpers: unknown;
  partials: unknown;
  decorators: unknown;
  hooks: unknown;
  protoAccessControl: unknown;
}

type RuntimeOptions = Handlebars.RuntimeOptions;

interface TemplateSpec {
  main: ((this: unknown, container: RenderSetup, ...rest: unknown[]) => string) & { decorator?: unknown };
  main_d?: unknown;
}

/**
 * The spec with its `main` taking note of the runtime container on the first render, then itself again. The
 * container (one per template, reused by every render) is given the template's helper locations there.
 */
function keepSetup(
  spec: TemplateSpecification,
  locations: readonly HelperLocation[],
  keep: (setup: RenderSetup) => void,
): TemplateSpecification {
  const own = spec as unknown as TemplateSpec;
  const main = own.main;
  own.main = function first(this: unknown, container, ...rest) {
    (container as unknown as Record<string, unknown>)[LOCATIONS_KEY] = locations;
    (container as unknown as Record<string, unknown>)[NO_HASH_KEY] = NO_HASH;
    const { partials, decorators, hooks, protoAccessControl } = container;
    // Handlebars wraps each helper to hand it a copy of its options with `lookupProperty` added; ours never read
    // it, so they are called as they are (Handlebars' own, `each`, `with`…, keep their wrapper)
    const helpers = { ...(container.helpers as Record<string, unknown>) };
    for (const name in helpers) if (Object.hasOwn(templateHelpers, name)) helpers[name] = templateHelpers[name];
    keep({ helpers, partials, decorators, hooks, protoAccessControl });
    own.main = main;
    main.decorator = own.main_d;
    return main.call(this, container, ...rest);
  };
  return spec;
}

/** Where the parse failed: jison's lexer keeps the location of the token it stopped at. */
function parseErrorPosition(error: Error): { line: number; column: number } | undefined {
  const located = error as Error & { lineNumber?: number; column?: number };
  if (typeof located.lineNumber === 'number' && typeof located.column === 'number') {
    return { line: located.lineNumber, column: located.column + 1 };
  }
  const loc = (Handlebars as unknown as CompilerStages).Parser.lexer?.yylloc;
  const line = /on line (\d+)/.exec(error.message)?.[1];
  if (loc === undefined || line === undefined) return undefined;
  return { line: Number(line), column: Number(line) === loc.first_line ? loc.first_column + 1 : 1 };
}

/** Handlebars' message without its source excerpt, which the position replaces. */
function shortMessage(message: string): string {
  const expecting = /\n(Expecting [^\n]*)/.exec(message)?.[1];
  const first = (message.split('\n')[0] ?? message)
    .replace(/ - \d+:\d+$/, '')
    .replace(/^Parse error on line \d+:$/, 'Parse error.')
    .replace(/^You specified knownHelpersOnly, but used the unknown helper (.+)$/, 'unknown helper "$1"');
  return expecting === undefined ? first : `${first} ${expecting}`;
}

/**
 * Compiles a Handlebars template with Mockoon-compatible helpers. Parsing and code generation both happen here
 * (Handlebars' own `compile` would defer them to the first render), so a syntax error or an unknown helper is an
 * AppError at load naming its line and column: `INVALID_INPUT`, details `{ phase: 'compile', template, line,
 * column }`.
 */
export function compileTemplate(source: string, options: CompileTemplateOptions): CompiledTemplate {
  if (!isAbsolute(options.root)) {
    throw new AppError('INVALID_INPUT', `The mock folder for templates must be an absolute path: ${options.root}`, {
      root: options.root,
    });
  }
  const name = options.name ?? 'template';
  let template: Handlebars.TemplateDelegate;
  let setup: RenderSetup | undefined;
  try {
    const ast = Handlebars.parse(source);
    const env = environmentFor(ast);
    const program = new env.Compiler().compile(ast, COMPILE_OPTIONS);
    const locations: HelperLocation[] = [];
    const spec = new (withSharedLocations(env, locations))().compile(program, COMPILE_OPTIONS, undefined, true);
    template = env.template(keepSetup(spec, locations, (made) => (setup = made)));
  } catch (error) {
    const position = parseErrorPosition(error as Error);
    const where = position === undefined ? '' : ` at line ${position.line}, column ${position.column}`;
    throw new AppError('INVALID_INPUT', `${name}${where}: ${shortMessage((error as Error).message)}`, {
      phase: 'compile',
      template: name,
      ...position,
    });
  }

  const faker = options.faker ?? defaultFaker;
  const uuid = options.faker === undefined ? randomUUID : () => faker.string.uuid();
  const now = options.now ?? (() => new Date());
  // text without a mustache renders as itself; skipping Handlebars makes such a body as cheap as a static one
  if (!source.includes('{{')) return { render: () => source };
  return {
    render(request, state = {}) {
      const scope: RenderScope = { request, state, faker, uuid, now, repeated: 0 };
      try {
        if (setup === undefined) return template({}, { data: { [SCOPE_KEY]: scope } });
        const context = {};
        // the root data frame Handlebars would make: `@root` and the scope
        const data = { root: context, [SCOPE_KEY]: scope };
        return template(context, {
          partial: true,
          data,
          helpers: setup.helpers,
          partials: setup.partials,
          decorators: setup.decorators,
          hooks: setup.hooks,
          protoAccessControl: setup.protoAccessControl,
        } as RuntimeOptions);
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        throw new AppError('INVALID_INPUT', `${name}: ${message}`, { phase: 'render', template: name });
      }
    },
  };
}

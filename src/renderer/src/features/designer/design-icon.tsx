import { makeIcon } from '../../components/icons';

/** Two linked tables: the design tabs and the Designs panel. */
export const IconDesign = makeIcon(
  'Design',
  <>
    <rect x="1.5" y="2" width="5.5" height="5" rx="1" />
    <rect x="9" y="9" width="5.5" height="5" rx="1" />
    <path d="M7 4.5h2.5a1 1 0 0 1 1 1V9" />
  </>,
);

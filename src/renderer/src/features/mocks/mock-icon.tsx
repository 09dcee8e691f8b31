import { makeIcon } from '../../components/icons';

/** A server with a signal: the mock API icon. */
export const IconMock = makeIcon(
  'Mock',
  <>
    <rect x="2.5" y="2.5" width="11" height="4.5" rx="1" />
    <rect x="2.5" y="9" width="11" height="4.5" rx="1" />
    <path d="M5 4.75h.01M5 11.25h.01M8 4.75h3M8 11.25h3" />
  </>,
);

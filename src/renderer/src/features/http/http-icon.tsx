import { makeIcon } from '../../components/icons';

/** Two arrows, out and back: the HTTP request icon. */
export const IconHttp = makeIcon('Http', <path d="M2.5 5.5h10M10 3l2.5 2.5L10 8M13.5 10.5h-10M6 8l-2.5 2.5L6 13" />);

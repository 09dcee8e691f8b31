import type { ReactElement, SVGProps } from 'react';

/** Small stroke icons drawn inline (the CSP forbids remote images and icon fonts). */
type IconProps = SVGProps<SVGSVGElement> & { size?: number };

/** An icon component drawing `paths` in the app's 16×16 stroke style; features make theirs with it too. */
export function makeIcon(name: string, paths: ReactElement) {
  function Icon({ size = 14, ...rest }: IconProps) {
    return (
      <svg
        width={size}
        height={size}
        viewBox="0 0 16 16"
        fill="none"
        stroke="currentColor"
        strokeWidth={1.4}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
        className="icon"
        {...rest}
      >
        {paths}
      </svg>
    );
  }
  Icon.displayName = `Icon${name}`;
  return Icon;
}

export const IconDatabase = makeIcon(
  'Database',
  <>
    <ellipse cx="8" cy="3.5" rx="5" ry="2" />
    <path d="M3 3.5v9c0 1.1 2.2 2 5 2s5-.9 5-2v-9" />
    <path d="M3 8c0 1.1 2.2 2 5 2s5-.9 5-2" />
  </>,
);
export const IconTable = makeIcon(
  'Table',
  <>
    <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
    <path d="M2 6h12M2 9.5h12M6.5 6v7.5" />
  </>,
);
export const IconView = makeIcon(
  'View',
  <>
    <path d="M1.5 8s2.4-4.5 6.5-4.5S14.5 8 14.5 8s-2.4 4.5-6.5 4.5S1.5 8 1.5 8z" />
    <circle cx="8" cy="8" r="2" />
  </>,
);
export const IconFolder = makeIcon(
  'Folder',
  <path d="M2 4.5a1 1 0 0 1 1-1h3l1.5 1.5H13a1 1 0 0 1 1 1V12a1 1 0 0 1-1 1H3a1 1 0 0 1-1-1z" />,
);
export const IconColumn = makeIcon('Column', <path d="M4 3h8M4 8h8M4 13h8" />);
export const IconKey = makeIcon(
  'Key',
  <>
    <circle cx="5" cy="10.5" r="2.5" />
    <path d="M6.8 8.7 12.5 3M10.5 5l1.5 1.5M11.8 3.7l1.2 1.2" />
  </>,
);
export const IconIndex = makeIcon('Index', <path d="M3 3v10M3 4h4M3 8h7M3 12h10" />);
export const IconLink = makeIcon(
  'Link',
  <>
    <path d="M6.5 9.5 9.5 6.5" />
    <path d="M7 4.5 8.5 3a2.5 2.5 0 0 1 3.5 3.5L10.5 8M9 11.5 7.5 13A2.5 2.5 0 0 1 4 9.5L5.5 8" />
  </>,
);
export const IconChevronRight = makeIcon('ChevronRight', <path d="M6 3.5 10.5 8 6 12.5" />);
export const IconChevronDown = makeIcon('ChevronDown', <path d="M3.5 6 8 10.5 12.5 6" />);
export const IconRefresh = makeIcon(
  'Refresh',
  <>
    <path d="M13 3v3.5H9.5" />
    <path d="M12.6 6.3A5 5 0 1 0 13 9.5" />
  </>,
);
export const IconPlus = makeIcon('Plus', <path d="M8 3v10M3 8h10" />);
export const IconSearch = makeIcon(
  'Search',
  <>
    <circle cx="7" cy="7" r="4.5" />
    <path d="m10.5 10.5 3 3" />
  </>,
);
export const IconSun = makeIcon(
  'Sun',
  <>
    <circle cx="8" cy="8" r="3" />
    <path d="M8 1.5v1.5M8 13v1.5M1.5 8H3M13 8h1.5M3.4 3.4l1 1M11.6 11.6l1 1M3.4 12.6l1-1M11.6 4.4l1-1" />
  </>,
);
export const IconMoon = makeIcon('Moon', <path d="M13.5 9.5A5.5 5.5 0 0 1 6.5 2.5a5.5 5.5 0 1 0 7 7z" />);
export const IconKeyboard = makeIcon(
  'Keyboard',
  <>
    <rect x="1.5" y="4" width="13" height="8" rx="1.5" />
    <path d="M4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M5 9.5h6" />
  </>,
);
export const IconHistory = makeIcon(
  'History',
  <>
    <path d="M2.5 8a5.5 5.5 0 1 0 1.6-3.9" />
    <path d="M2.5 2.5v2.5H5M8 5v3l2 1.5" />
  </>,
);
export const IconFile = makeIcon(
  'File',
  <>
    <path d="M9 1.5H4a1 1 0 0 0-1 1v11a1 1 0 0 0 1 1h8a1 1 0 0 0 1-1V5.5z" />
    <path d="M9 1.5v4h4" />
  </>,
);
export const IconTrash = makeIcon('Trash', <path d="M2.5 4h11M6 4V2.5h4V4M4 4l.7 9.5h6.6L12 4" />);
export const IconCopy = makeIcon(
  'Copy',
  <>
    <rect x="5" y="5" width="8.5" height="8.5" rx="1" />
    <path d="M3 10.5H2.5v-8h8V3" />
  </>,
);
export const IconEdit = makeIcon('Edit', <path d="M10.5 2.5 13.5 5.5 5.5 13.5H2.5v-3z" />);
export const IconPlay = makeIcon('Play', <path d="M4.5 3v10l8-5z" />);
export const IconPlug = makeIcon('Plug', <path d="M6 1.5v3M10 1.5v3M4 4.5h8v3a4 4 0 0 1-8 0zM8 11.5v3" />);
export const IconUnplug = makeIcon(
  'Unplug',
  <path d="M6 1.5v3M10 1.5v3M4 4.5h8v3a4 4 0 0 1-8 0zM8 11.5v3M2 14 14 2" />,
);
export const IconClose = makeIcon('Close', <path d="M4 4l8 8M12 4l-8 8" />);
export const IconWarning = makeIcon(
  'Warning',
  <>
    <path d="M8 2 14.5 13.5h-13z" />
    <path d="M8 6.5v3M8 11.5h.01" />
  </>,
);
export const IconCheck = makeIcon('Check', <path d="M3 8.5 6.5 12 13 4.5" />);
export const IconInfo = makeIcon(
  'Info',
  <>
    <circle cx="8" cy="8" r="6.5" />
    <path d="M8 7.5v4M8 5h.01" />
  </>,
);
export const IconHash = makeIcon('Hash', <path d="M6 2.5 5 13.5M11 2.5l-1 11M2.5 6h11M2 10h11" />);
export const IconFolderOpen = makeIcon(
  'FolderOpen',
  <path d="M2 12V4a1 1 0 0 1 1-1h3l1.5 1.5H12a1 1 0 0 1 1 1V7M2 12l2-5h11l-2 5z" />,
);
export const IconSidebar = makeIcon(
  'Sidebar',
  <>
    <rect x="2" y="2.5" width="12" height="11" rx="1.5" />
    <path d="M6 2.5v11" />
  </>,
);
export const IconMore = makeIcon('More', <path d="M3.5 8h.01M8 8h.01M12.5 8h.01" strokeWidth={2.4} />);
export const IconList = makeIcon('List', <path d="M5.5 4h8M5.5 8h8M5.5 12h8M2.5 4h.01M2.5 8h.01M2.5 12h.01" />);

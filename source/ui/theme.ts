import { createContext, useContext } from 'react';

/**
 * Colors, or none. Ink and chalk ignore NO_COLOR, so it is checked here (no-color.org: set and
 * non-empty). Without color nothing may depend on it: selection also has a marker, errors and
 * sensitive events also have a flag character.
 */
export interface Theme {
  color: boolean;
  error: string | undefined;
  sensitive: string | undefined;
  /** Events a finding cites. */
  finding: string | undefined;
  dim: boolean;
  accent: string | undefined;
}

export function themeFor(color: boolean): Theme {
  return color
    ? { color, error: 'red', sensitive: 'yellow', finding: 'magenta', dim: true, accent: 'cyan' }
    : {
        color,
        error: undefined,
        sensitive: undefined,
        finding: undefined,
        dim: false,
        accent: undefined,
      };
}

export function colorWanted(env: NodeJS.ProcessEnv): boolean {
  return !(typeof env.NO_COLOR === 'string' && env.NO_COLOR !== '');
}

export const ThemeContext = createContext<Theme>(themeFor(true));

export function useTheme(): Theme {
  return useContext(ThemeContext);
}

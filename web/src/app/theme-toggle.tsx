import { chooseTheme, useTheme } from './theme.ts';

export function ThemeToggle() {
  const theme = useTheme();
  const other = theme === 'dark' ? 'light' : 'dark';
  return (
    <button type="button" className="theme-toggle secondary" onClick={() => chooseTheme(other)}>
      {other === 'dark' ? 'Dark theme' : 'Light theme'}
      <span className="visually-hidden"> (the page is in its {theme} theme)</span>
    </button>
  );
}

import { chooseTheme, type ThemeChoice, useTheme, useThemeChoice } from './theme.ts';

const CHOICES: { choice: ThemeChoice; label: string; title: string }[] = [
  { choice: 'light', label: 'Light', title: 'Always light' },
  { choice: 'dark', label: 'Dark', title: 'Always dark' },
  { choice: 'system', label: 'System', title: "Follow the system's setting, as it changes" },
];

/**
 * Light, dark, or the system's: three buttons, the chosen one pressed. Each is named for what it
 * picks ("Dark theme"), so that it can be asked for by name.
 */
export function ThemeToggle() {
  const choice = useThemeChoice();
  const theme = useTheme();
  return (
    <fieldset className="theme-toggle">
      <legend className="visually-hidden">Theme (the page is in its {theme} theme)</legend>
      {CHOICES.map((option) => (
        <button
          key={option.choice}
          type="button"
          className="secondary"
          aria-pressed={choice === option.choice}
          title={option.title}
          onClick={() => chooseTheme(option.choice)}
        >
          {option.label}
          <span className="visually-hidden"> theme</span>
        </button>
      ))}
    </fieldset>
  );
}

import type { Config } from "tailwindcss";

// The dashboard's utilities. Colours come from the CSS variables in app/styles.css, so light and dark
// (prefers-color-scheme) and WCAG-checked contrast stay in one place. Preflight stays off: the base
// styles in app/styles.css are the reset.
export default {
  content: ["./app/**/*.{ts,tsx}"],
  corePlugins: { preflight: false },
  theme: {
    extend: {
      colors: {
        fg: "var(--fg)", muted: "var(--muted)", line: "var(--line)", card: "var(--card)",
        ok: "var(--ok)", bad: "var(--bad)", wait: "var(--wait)", link: "var(--link)",
      },
    },
  },
} satisfies Config;

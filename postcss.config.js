// Vite runs this for the dashboard's CSS: Tailwind's utilities, then vendor prefixes.
export default { plugins: { tailwindcss: {}, autoprefixer: {} } };

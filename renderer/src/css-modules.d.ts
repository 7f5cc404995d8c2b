// Vite turns *.module.css into scoped class names; this types the import for tsc.
declare module '*.module.css' {
  const classes: Readonly<Record<string, string>>;
  export default classes;
}

// Fluent's themes as CSS variables, generated at build time by renderer/vite/fluent-theme-stylesheet.ts.
declare module 'virtual:fluent-theme.css';

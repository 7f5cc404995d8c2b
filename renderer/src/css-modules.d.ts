// Vite turns *.module.css into scoped class names; this types the import for tsc.
declare module '*.module.css' {
  const classes: Readonly<Record<string, string>>;
  export default classes;
}

// Compile-time constants that @electron-forge/plugin-vite defines in the main bundle during
// `electron-forge start` (the renderer's Vite dev server). Absent in release builds: main.ts reads
// them only through `typeof … !== 'undefined'`.
declare const MAIN_WINDOW_VITE_DEV_SERVER_URL: string | undefined;

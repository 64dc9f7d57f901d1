import { defineConfig } from "vite";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The Tauri shell embeds ui/dist (tauri.conf.json `frontendDist`); no dev server is needed for builds.
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  base: "./",
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "safari15", // WebKitGTK
    sourcemap: false,
  },
  server: { port: 1420, strictPort: true },
});

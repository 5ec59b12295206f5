// Bundles the browser app into dist/client (index.html, app.js, app.css) with esbuild; `--watch` rebuilds on change.
import { copyFileSync, mkdirSync, watch } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type BuildOptions, build, context } from "esbuild";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const clientDir = join(root, "client");
const outdir = join(root, "dist", "client");
const watching = process.argv.includes("--watch");

const options: BuildOptions = {
  entryPoints: [
    { in: join(clientDir, "main.ts"), out: "app" },
    { in: join(clientDir, "styles.css"), out: "app" },
  ],
  outdir,
  bundle: true,
  format: "iife",
  platform: "browser",
  target: ["chrome110", "firefox115", "safari16"],
  minify: !watching,
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "info",
  define: { "process.env.NODE_ENV": JSON.stringify(watching ? "development" : "production") },
};

/** Copies index.html next to the bundle. */
function copyHtml(): void {
  copyFileSync(join(clientDir, "index.html"), join(outdir, "index.html"));
}

async function main(): Promise<void> {
  mkdirSync(outdir, { recursive: true });
  copyHtml();
  if (!watching) {
    await build(options);
    return;
  }
  const ctx = await context(options);
  await ctx.watch();
  watch(join(clientDir, "index.html"), () => {
    try {
      copyHtml();
      console.log("[build-client] index.html copied");
    } catch (error) {
      console.error("[build-client] could not copy index.html:", error);
    }
  });
  console.log(`[build-client] watching ${clientDir} → ${outdir}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});

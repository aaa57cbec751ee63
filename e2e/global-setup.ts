// Builds out/service (serve.js, pool-worker.js, the UI) once before any test starts a server,
// so parallel workers never race to build the same files.
export default async function globalSetup(): Promise<void> {
  // @ts-expect-error -- plain ESM build script without type declarations
  const { buildService } = (await import('../scripts/build-service.mjs')) as {
    buildService: (o: { quiet: boolean }) => Promise<boolean>;
  };
  await buildService({ quiet: true });
}

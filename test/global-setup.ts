// One way to get the pool worker in tests: the same built file `npm run serve` uses.
export default async function setup(): Promise<void> {
  // @ts-expect-error -- plain ESM build script without type declarations
  const { buildService } = (await import('../scripts/build-service.mjs')) as {
    buildService: (o: { quiet: boolean }) => Promise<boolean>;
  };
  await buildService({ quiet: true });
}

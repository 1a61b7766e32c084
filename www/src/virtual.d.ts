// The project's examples, embedded at build time by build.mjs.
declare module "virtual:examples" {
  export const examples: { name: string; group: string; text: string }[];
}

// Loads the Reflect metadata polyfill jspurefix's DI container (tsyringe) needs; import it before jspurefix.
import { createRequire } from 'node:module';

// It is jspurefix's own dependency, so it is loaded from where jspurefix resolves it rather than declared here.
const requireFromHere = createRequire(import.meta.url);
createRequire(requireFromHere.resolve('jspurefix/package.json'))('reflect-metadata');

// The targets as the test site sets them up live in <repo>/preview/targets.mjs (one source for
// the browser proof and the app's preview).
export { TARGETS } from '../../../preview/targets.mjs';

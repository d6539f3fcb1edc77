// `pnpm serve`: run the services from the last build, without installing or building (what `npm start` does after).
import { runServices } from './services.mjs';

await runServices();

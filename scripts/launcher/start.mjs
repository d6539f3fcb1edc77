// `npm start`: install, build, and run the services on embedded defaults.
import { runServices } from './services.mjs';
import { installAndBuild } from './workspace.mjs';

installAndBuild();
await runServices();

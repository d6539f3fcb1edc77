export { TASK_LABELS, TASK_DEFINITIONS, isTaskLabel } from './task-labels';
export type { TaskLabel } from './task-labels';

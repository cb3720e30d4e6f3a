export type { ServiceCall, StepContext } from '@app/workflow';
export { shanghaiDate as shanghaiToday } from '@app/common';

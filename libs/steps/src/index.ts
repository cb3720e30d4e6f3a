export * from './steps.module';
export * from './model-service';
export * from './model-services';
export { DEFAULT_SAMPLE_RATIO, describeBlock, parseSampleRatio } from './handlers/sampling-draw';

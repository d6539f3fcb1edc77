export { startFakeOpenAIServer } from './fake-upstreams/fake-openai-server';
export type { FakeOpenAIServer } from './fake-upstreams/fake-openai-server';
export { startFakeAnthropicServer } from './fake-upstreams/fake-anthropic-server';
export type { FakeAnthropicServer } from './fake-upstreams/fake-anthropic-server';
export type { FakeUpstream } from './fake-upstreams/fake-upstream-server';
export { DEFAULT_FAKE_BEHAVIOR, DEFAULT_FAKE_USAGE } from './fake-upstreams/fake-upstream-behavior';
export type {
  FakeUpstreamBehavior,
  FakeUpstreamOptions,
  FakeUpstreamFault,
  FakeUsage,
  FakeToolCall,
} from './fake-upstreams/fake-upstream-behavior';
export type { RecordedRequest } from './fake-upstreams/recorded-request';
export { FIXTURES_DIRECTORY, readFixture, readJsonFixture, readEventStreamFixture } from './fake-upstreams/fixtures';
export { startTestRouter, copySeedClassifiers, REPO_ROOT, SHARED_PUBLIC_DATA, SHARED_STATIC_MODEL, TEST_CLASSIFIER_DIRECTORY, TEST_DATA_DIRECTORY } from './start-test-router';
export type { TestRouter, TestRouterOptions } from './start-test-router';
export { startFakeFeedbackService } from './fake-feedback-service';
export type { FakeFeedbackService } from './fake-feedback-service';
export { startTestFeedbackService } from './start-test-feedback-service';
export type { TestFeedbackService, TestFeedbackServiceOptions } from './start-test-feedback-service';
export { startFuzzServices, missingBuildOutput } from './fuzz/start-fuzz-services';
export type { FuzzServices, StartFuzzServicesOptions } from './fuzz/start-fuzz-services';
export { runServiceFuzz } from './fuzz/run-service-fuzz';
export type { ServiceFuzzOptions, ServiceFuzzReport } from './fuzz/run-service-fuzz';
export { formatFuzzReport, fuzzPassed } from './fuzz/fuzz-report';
export { rawRequest } from './raw-request';
export type { RawRequest, RawResponse } from './raw-request';

/*
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
/**
 * Calls: one call object per request with its deadline, rate-limit ticket, retries and cancellation; the runner
 * that moves calls on, the watchdog that ends them at their deadline, the per-key rate limiter, the retry policy,
 * and the API client that turns paths and answers into requests and parsed JSON.
 */
package io.github.camelhightouch.internal.call;

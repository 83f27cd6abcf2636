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
 * The Events API operations (track, identify, page, screen, group, alias, batch): each event is read from the body,
 * validated, enriched and queued; the queue's events go out as batches of {@code POST /v1/batch}, and each exchange
 * completes when Hightouch has accepted the batch that holds its event.
 */
package io.github.camelhightouch.internal.events;

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
package io.github.camelhightouch.example.quarkus;

import org.apache.camel.builder.RouteBuilder;

/**
 * Creates a Hightouch source from each record sent to direct:createSource (a Map or a JSON string with name, slug,
 * type and configuration). The answer of Hightouch becomes the body; the new source's id is in the
 * CamelHightouchResourceId header. Camel Quarkus finds this RouteBuilder by itself.
 */
public class CreateSourceRoute extends RouteBuilder {

    @Override
    public void configure() {
        from("direct:createSource").routeId("create-hightouch-source")
                .log("Creating a Hightouch source")
                .to("hightouch:createSource")
                .log("Hightouch created source ${header.CamelHightouchResourceId}");
    }
}

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
package io.github.camelhightouch.example.springboot;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application with one Camel route that creates Hightouch sources. The component is configured by
 * application.properties (camel.component.hightouch.*), and its health check shows in /actuator/health.
 */
@SpringBootApplication
public class HightouchExampleApplication {

    public static void main(String[] args) {
        SpringApplication.run(HightouchExampleApplication.class, args);
    }
}

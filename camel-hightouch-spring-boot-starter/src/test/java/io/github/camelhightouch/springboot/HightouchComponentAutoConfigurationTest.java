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
package io.github.camelhightouch.springboot;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.github.camelhightouch.HightouchComponent;
import io.github.camelhightouch.HightouchConfiguration;
import io.github.camelhightouch.HightouchQueueFullPolicy;
import org.apache.camel.CamelContext;
import org.apache.camel.spring.boot.CamelAutoConfiguration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration on a real Spring application context with Camel's own auto-configuration (no web server).
 */
class HightouchComponentAutoConfigurationTest {

    /**
     * One property value per component option of the catalog (hightouch.json). An option without a value here fails
     * {@link #everyCatalogOptionHasAPropertyAndIsBound()}: add the property to HightouchComponentConfiguration, copy it
     * in HightouchComponentCustomizer, and give it a value here.
     */
    private static final Map<String, String> EVERY_OPTION = new LinkedHashMap<>();

    static {
        EVERY_OPTION.put("apiKey", "prop-key");
        EVERY_OPTION.put("baseUrl", "https://eu.hightouch.example/api/v1");
        EVERY_OPTION.put("connectTimeout", "5s");
        EVERY_OPTION.put("responseTimeout", "1500");
        EVERY_OPTION.put("requestTimeout", "3m");
        EVERY_OPTION.put("maxRetries", "5");
        EVERY_OPTION.put("retryBaseDelay", "250ms");
        EVERY_OPTION.put("maxRetryDelay", "7s");
        EVERY_OPTION.put("rateLimit", "50");
        EVERY_OPTION.put("rateLimitPeriod", "1s");
        EVERY_OPTION.put("maxBodySize", "2048");
        EVERY_OPTION.put("throwExceptionOnFailure", "false");
        EVERY_OPTION.put("validate", "false");
        EVERY_OPTION.put("rateLimitQueueSize", "77");
        EVERY_OPTION.put("rateLimitChangeShare", "60");
        EVERY_OPTION.put("writeKey", "prop-write-key");
        EVERY_OPTION.put("eventsUrl", "https://eu-west-1.hightouch-events.com");
        EVERY_OPTION.put("batchSize", "250");
        EVERY_OPTION.put("batchBytes", "200000");
        EVERY_OPTION.put("lingerMs", "50ms");
        EVERY_OPTION.put("maxQueuedEvents", "500");
        EVERY_OPTION.put("queueFullPolicy", "fail");
        EVERY_OPTION.put("flushTimeout", "2s");
        EVERY_OPTION.put("progressLoggingLevel", "DEBUG");
        EVERY_OPTION.put("configuration", "#bean:baseConfiguration");
        EVERY_OPTION.put("maxConnections", "8");
        EVERY_OPTION.put("workerPoolSize", "2");
        EVERY_OPTION.put("waitPoolSize", "3");
        EVERY_OPTION.put("bridgeErrorHandler", "true");
        EVERY_OPTION.put("objectMapper", "#bean:customMapper");
        EVERY_OPTION.put("lazyStartProducer", "true");
        EVERY_OPTION.put("autowiredEnabled", "false");
        EVERY_OPTION.put("healthCheckConsumerEnabled", "false");
        EVERY_OPTION.put("healthCheckProducerEnabled", "false");
    }

    private static WireMockServer wireMock;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(CamelAutoConfiguration.class, HightouchComponentConverter.class,
                    HightouchComponentAutoConfiguration.class));

    @BeforeAll
    static void startWireMock() {
        wireMock = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        wireMock.start();
    }

    @AfterAll
    static void stopWireMock() {
        wireMock.stop();
    }

    @Test
    void everyCatalogOptionHasAPropertyAndIsBound() throws Exception {
        List<String> missing = new ArrayList<>();
        for (String option : catalogComponentOptions().keySet()) {
            if (EVERY_OPTION.keySet().stream().noneMatch(key -> key.equals(option) || key.startsWith(option + "["))) {
                missing.add(option);
            }
        }
        assertThat(missing).as("component options without a camel.component.hightouch.* property").isEmpty();

        runner.withUserConfiguration(SharedBeans.class)
                .withPropertyValues(EVERY_OPTION.entrySet().stream()
                        .map(e -> "camel.component.hightouch." + kebab(e.getKey()) + "=" + e.getValue())
                        .toArray(String[]::new))
                .run(spring -> {
                    HightouchComponent component = spring.getBean(CamelContext.class)
                            .getComponent("hightouch", HightouchComponent.class);
                    HightouchConfiguration conf = component.getConfiguration();
                    assertThat(conf.getApiKey()).isEqualTo("prop-key");
                    assertThat(conf.getBaseUrl()).isEqualTo("https://eu.hightouch.example/api/v1");
                    assertThat(conf.getConnectTimeout()).isEqualTo(5000);
                    assertThat(conf.getResponseTimeout()).isEqualTo(1500);
                    assertThat(conf.getRequestTimeout()).isEqualTo(180_000);
                    assertThat(conf.getMaxRetries()).isEqualTo(5);
                    assertThat(conf.getRetryBaseDelay()).isEqualTo(250);
                    assertThat(conf.getMaxRetryDelay()).isEqualTo(7000);
                    assertThat(conf.getRateLimit()).isEqualTo(50);
                    assertThat(conf.getRateLimitPeriod()).isEqualTo(1000);
                    assertThat(conf.getMaxBodySize()).isEqualTo(2048);
                    assertThat(conf.isThrowExceptionOnFailure()).isFalse();
                    assertThat(conf.isValidate()).isFalse();
                    assertThat(conf.getRateLimitQueueSize()).isEqualTo(77);
                    assertThat(conf.getRateLimitChangeShare()).isEqualTo(60);
                    assertThat(conf.getWriteKey()).isEqualTo("prop-write-key");
                    assertThat(conf.getEventsUrl()).isEqualTo("https://eu-west-1.hightouch-events.com");
                    assertThat(conf.getBatchSize()).isEqualTo(250);
                    assertThat(conf.getBatchBytes()).isEqualTo(200_000);
                    assertThat(conf.getLingerMs()).isEqualTo(50);
                    assertThat(conf.getMaxQueuedEvents()).isEqualTo(500);
                    assertThat(conf.getQueueFullPolicy()).isEqualTo(HightouchQueueFullPolicy.fail);
                    assertThat(conf.getFlushTimeout()).isEqualTo(2000);
                    assertThat(conf.getProgressLoggingLevel()).isEqualTo(org.apache.camel.LoggingLevel.DEBUG);
                    assertThat(component.getMaxConnections()).isEqualTo(8);
                    assertThat(component.getWorkerPoolSize()).isEqualTo(2);
                    assertThat(component.getWaitPoolSize()).isEqualTo(3);
                    assertThat(component.isBridgeErrorHandler()).isTrue();
                    assertThat(component.getObjectMapper()).isSameAs(spring.getBean("customMapper"));
                    assertThat(component.isLazyStartProducer()).isTrue();
                    assertThat(component.isAutowiredEnabled()).isFalse();
                    assertThat(component.isHealthCheckConsumerEnabled()).isFalse();
                    assertThat(component.isHealthCheckProducerEnabled()).isFalse();
                });
    }

    @Test
    void singlePropertiesApplyOnTopOfAConfigurationBeanAndItStaysUntouched() {
        runner.withUserConfiguration(SharedBeans.class)
                .withPropertyValues("camel.component.hightouch.configuration=#bean:baseConfiguration",
                        "camel.component.hightouch.api-key=prop-key")
                .run(spring -> {
                    HightouchConfiguration conf = spring.getBean(CamelContext.class)
                            .getComponent("hightouch", HightouchComponent.class).getConfiguration();
                    assertThat(conf.getApiKey()).isEqualTo("prop-key");
                    assertThat(conf.getResponseTimeout()).isEqualTo(4321);
                    assertThat(spring.getBean("baseConfiguration", HightouchConfiguration.class).getApiKey())
                            .isEqualTo("bean-conf-key");
                });
    }

    @Test
    void unsetPropertiesKeepTheComponentDefaults() {
        runner.withPropertyValues("camel.component.hightouch.api-key=prop-key").run(spring -> {
            HightouchComponent component = spring.getBean(CamelContext.class)
                    .getComponent("hightouch", HightouchComponent.class);
            HightouchConfiguration defaults = new HightouchConfiguration();
            assertThat(component.getConfiguration().getApiKey()).isEqualTo("prop-key");
            assertThat(component.getConfiguration().getBaseUrl()).isEqualTo(defaults.getBaseUrl());
            assertThat(component.getConfiguration().getResponseTimeout()).isEqualTo(defaults.getResponseTimeout());
            assertThat(component.getMaxConnections()).isEqualTo(new HightouchComponent().getMaxConnections());
            assertThat(component.isHealthCheckProducerEnabled()).isTrue();
        });
    }

    @Test
    void aHightouchBeanOfTheApplicationIsNotOverwritten() {
        runner.withUserConfiguration(UserComponent.class)
                .withPropertyValues("camel.component.hightouch.api-key=prop-key",
                        "camel.component.hightouch.base-url=https://other.example/api/v1",
                        "camel.component.hightouch.max-connections=3")
                .run(spring -> {
                    HightouchComponent component = spring.getBean(CamelContext.class)
                            .getComponent("hightouch", HightouchComponent.class);
                    assertThat(component).isSameAs(spring.getBean("hightouch"));
                    assertThat(component.getConfiguration().getApiKey()).isEqualTo("bean-key");
                    assertThat(component.getConfiguration().getBaseUrl()).isEqualTo("https://bean.example/api/v1");
                    assertThat(component.getMaxConnections()).isEqualTo(5);
                });
    }

    @Test
    void switchedOffWithTheEnabledProperty() {
        runner.withPropertyValues("camel.component.hightouch.enabled=false",
                "camel.component.hightouch.api-key=prop-key").run(spring -> {
                    assertThat(spring).doesNotHaveBean(HightouchComponentCustomizer.class);
                    HightouchComponent component = spring.getBean(CamelContext.class)
                            .getComponent("hightouch", HightouchComponent.class);
                    assertThat(component.getConfiguration().getApiKey()).isNull();
                });
    }

    @Test
    void aBeanReferenceWithoutHashFailsNamingTheProperty() {
        runner.withPropertyValues("camel.component.hightouch.object-mapper=customMapper").run(spring -> {
            assertThat(spring).hasFailed();
            assertThat(spring.getStartupFailure()).rootCause().hasMessageContaining("#bean:name");
            assertThat(stackMessages(spring.getStartupFailure())).contains("camel.component.hightouch.object-mapper");
        });
    }

    @Test
    void aRouteUsesTheBoundKeyAndBaseUrl() {
        wireMock.stubFor(post("/api/v1/sources").willReturn(okJson("{\"id\":11}")));
        runner.withPropertyValues("camel.component.hightouch.api-key=prop-key",
                "camel.component.hightouch.base-url=http://127.0.0.1:" + wireMock.port() + "/api/v1")
                .run(spring -> {
                    Object body = spring.getBean(CamelContext.class).createProducerTemplate().requestBody(
                            "hightouch:createSource",
                            Map.of("name", "pg", "slug", "pg", "type", "postgres", "configuration", Map.of("host", "h")));
                    assertThat(body).isInstanceOf(Map.class);
                    assertThat(((Map<?, ?>) body).get("id")).isEqualTo(11);
                });
        wireMock.verify(1, postRequestedFor(urlEqualTo("/api/v1/sources"))
                .withHeader("Authorization", equalTo("Bearer prop-key")));
    }

    @Test
    void metadataForTheIdeListsEveryOptionWithTheComponentDefault() throws Exception {
        JsonNode metadata;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("spring-configuration-metadata.json").isNotNull();
            metadata = new ObjectMapper().readTree(in);
        }
        Map<String, JsonNode> properties = new LinkedHashMap<>();
        metadata.get("properties").forEach(p -> properties.put(p.get("name").asText(), p));
        for (Map.Entry<String, JsonNode> option : catalogComponentOptions().entrySet()) {
            String name = "camel.component.hightouch." + kebab(option.getKey());
            assertThat(properties).as("metadata of " + name).containsKey(name);
            assertThat(properties.get(name).path("description").asText()).as("description of " + name).isNotBlank();
            JsonNode catalogDefault = option.getValue().get("defaultValue");
            if (catalogDefault != null) {
                String expected = catalogDefault.asText();
                String actual = properties.get(name).path("defaultValue").asText();
                if ("duration".equals(option.getValue().path("type").asText())) {
                    expected = expected + "ms";
                }
                assertThat(actual).as("default of " + name).isEqualToIgnoringCase(expected);
            }
        }
    }

    private static Map<String, JsonNode> catalogComponentOptions() throws Exception {
        try (InputStream in = HightouchComponent.class.getResourceAsStream("/META-INF/io/github/camelhightouch/hightouch.json")) {
            assertThat(in).as("the component catalog hightouch.json").isNotNull();
            Map<String, JsonNode> options = new LinkedHashMap<>();
            new ObjectMapper().readTree(in).get("componentProperties").fields()
                    .forEachRemaining(e -> options.put(e.getKey(), e.getValue()));
            return options;
        }
    }

    private static String kebab(String camel) {
        int bracket = camel.indexOf('[');
        String name = bracket < 0 ? camel : camel.substring(0, bracket);
        String rest = bracket < 0 ? "" : camel.substring(bracket);
        return name.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase() + rest;
    }

    private static String stackMessages(Throwable error) {
        StringBuilder messages = new StringBuilder();
        for (Throwable t = error; t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
        }
        return messages.toString();
    }

    @Configuration(proxyBeanMethods = false)
    static class SharedBeans {
        @Bean
        ObjectMapper customMapper() {
            return new ObjectMapper();
        }

        @Bean
        HightouchConfiguration baseConfiguration() {
            HightouchConfiguration configuration = new HightouchConfiguration();
            configuration.setApiKey("bean-conf-key");
            configuration.setResponseTimeout(4321);
            return configuration;
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class UserComponent {
        @Bean("hightouch")
        HightouchComponent hightouch() {
            HightouchComponent component = new HightouchComponent();
            component.getConfiguration().setApiKey("bean-key");
            component.getConfiguration().setBaseUrl("https://bean.example/api/v1");
            component.setMaxConnections(5);
            return component;
        }
    }
}

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
package io.github.camelhightouch.benchmarks;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The sizes of a run: "full" for the measured run, "quick" for a smoke run while developing. Arguments after the mode
 * pick sections ("sections=throughput,cost") or override a value ("rounds=5", "durationMillis=2000").
 */
final class Settings {

    static final String API_KEY = "bench-api-key";
    static final String WRITE_KEY = "bench-write-key";

    final String mode;
    final Set<String> sections = new LinkedHashSet<>(List.of("throughput", "cost", "memory", "waits", "events"));
    int[] levels = { 1, 8, 32 };
    /** Which of component, camelHttp, raw (the default three), camelHttpMethodHeader and rawInRoute run. */
    final Set<String> contestants = new LinkedHashSet<>(List.of("component", "camelHttp", "raw"));
    int rounds;
    long durationMillis;
    long warmupMillis;
    int stubThreads = 2;
    int costRequests;
    int costWarmup;
    int serdeOps;
    int[] memorySizes;
    int memoryThreads = 8;
    /** The memory runs' heap limit and fixed young generation (a fixed young generation keeps GC sizing out of it). */
    String memoryHeap = "128m";
    String memoryYoung = "32m";
    int waits;
    /** The component's default poll interval in the full run. */
    long pollInterval = 5000;
    /** The budget section: the waits' pollInterval, how long its stub runs last, and the mixed load's sizes. */
    long budgetPollInterval = 2000;
    long budgetRunMillis = 6000;
    int budgetCreates = 500;
    int budgetMixedWaits = 1000;
    int pollsToFinish = 3;
    /** The events section: events per run of the throughput comparison, and of the memory run. */
    int eventsThroughput;
    int eventsMemory;
    /** The splitter threads of the events runs. */
    int eventThreads = 64;

    private Settings(String mode) {
        this.mode = mode;
        if ("quick".equals(mode)) {
            rounds = 1;
            durationMillis = 1000;
            warmupMillis = 1000;
            costRequests = 2000;
            costWarmup = 1000;
            serdeOps = 20_000;
            memorySizes = new int[] { 1_000, 10_000 };
            waits = 100;
            pollInterval = 1000;
            eventsThroughput = 10_000;
            eventsMemory = 100_000;
        } else if ("full".equals(mode)) {
            rounds = 3;
            durationMillis = 3000;
            warmupMillis = 3000;
            costRequests = 10_000;
            costWarmup = 20_000;
            serdeOps = 200_000;
            memorySizes = new int[] { 10_000, 100_000, 1_000_000 };
            waits = 1000;
            eventsThroughput = 100_000;
            eventsMemory = 1_000_000;
        } else {
            throw new IllegalArgumentException("mode: 'full' or 'quick', got '" + mode + "'");
        }
    }

    /** The contestants asked for, in the order component, camelHttp, raw, camelHttpMethodHeader, rawInRoute. */
    List<Contestant> pick(Contestant component, Contestant camelHttp, Contestant raw, Contestant camelHttpMethodHeader,
                          java.util.concurrent.Callable<Contestant> rawInRoute) throws Exception {
        List<Contestant> picked = new java.util.ArrayList<>();
        if (contestants.contains("component")) {
            picked.add(component);
        }
        if (contestants.contains("camelHttp")) {
            picked.add(camelHttp);
        }
        if (contestants.contains("raw")) {
            picked.add(raw);
        }
        if (contestants.contains("camelHttpMethodHeader")) {
            picked.add(camelHttpMethodHeader);
        }
        if (contestants.contains("rawInRoute")) {
            picked.add(rawInRoute.call());
        }
        return picked;
    }

    static Settings parse(String[] args) {
        Settings settings = new Settings(args.length == 0 ? "full" : args[0]);
        for (int i = 1; i < args.length; i++) {
            String[] pair = args[i].split("=", 2);
            if (pair.length != 2) {
                throw new IllegalArgumentException("expected name=value, got '" + args[i] + "'");
            }
            String value = pair[1];
            switch (pair[0]) {
                case "sections" -> {
                    settings.sections.clear();
                    settings.sections.addAll(List.of(value.split(",")));
                }
                case "contestants" -> {
                    settings.contestants.clear();
                    settings.contestants.addAll(List.of(value.split(",")));
                }
                case "rounds" -> settings.rounds = Integer.parseInt(value);
                case "durationMillis" -> settings.durationMillis = Long.parseLong(value);
                case "warmupMillis" -> settings.warmupMillis = Long.parseLong(value);
                case "stubThreads" -> settings.stubThreads = Integer.parseInt(value);
                case "costRequests" -> settings.costRequests = Integer.parseInt(value);
                case "costWarmup" -> settings.costWarmup = Integer.parseInt(value);
                case "serdeOps" -> settings.serdeOps = Integer.parseInt(value);
                case "memorySizes" -> settings.memorySizes = ints(value);
                case "memoryThreads" -> settings.memoryThreads = Integer.parseInt(value);
                case "memoryHeap" -> settings.memoryHeap = value;
                case "memoryYoung" -> settings.memoryYoung = value;
                case "levels" -> settings.levels = ints(value);
                case "waits" -> settings.waits = Integer.parseInt(value);
                case "pollInterval" -> settings.pollInterval = Long.parseLong(value);
                case "budgetPollInterval" -> settings.budgetPollInterval = Long.parseLong(value);
                case "budgetRunMillis" -> settings.budgetRunMillis = Long.parseLong(value);
                case "budgetCreates" -> settings.budgetCreates = Integer.parseInt(value);
                case "budgetMixedWaits" -> settings.budgetMixedWaits = Integer.parseInt(value);
                case "eventsThroughput" -> settings.eventsThroughput = Integer.parseInt(value);
                case "eventsMemory" -> settings.eventsMemory = Integer.parseInt(value);
                case "eventThreads" -> settings.eventThreads = Integer.parseInt(value);
                default -> throw new IllegalArgumentException("unknown setting '" + pair[0] + "'");
            }
        }
        return settings;
    }

    private static int[] ints(String value) {
        return java.util.Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
    }

    @Override
    public String toString() {
        return mode + " " + sections + " contestants=" + contestants + " levels=" + java.util.Arrays.toString(levels) + " rounds=" + rounds
               + " durationMillis=" + durationMillis + " warmupMillis=" + warmupMillis + " stubThreads=" + stubThreads
               + " costRequests=" + costRequests + " memorySizes=" + java.util.Arrays.toString(memorySizes)
               + " memoryThreads=" + memoryThreads + " memoryHeap=" + memoryHeap + " memoryYoung=" + memoryYoung
               + " waits=" + waits + " pollInterval=" + pollInterval + " eventsThroughput=" + eventsThroughput
               + " eventsMemory=" + eventsMemory + " eventThreads=" + eventThreads;
    }
}

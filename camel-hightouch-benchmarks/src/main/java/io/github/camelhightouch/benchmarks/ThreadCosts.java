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

import java.lang.management.ManagementFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import com.sun.management.OperatingSystemMXBean;
import com.sun.management.ThreadMXBean;

/**
 * A snapshot of CPU time and allocated bytes: of the calling thread, of every thread, and of the process. The
 * difference of two snapshots tells what a piece of work cost, with the stub server's threads counted apart.
 */
final class ThreadCosts {

    static final ThreadMXBean THREADS = (ThreadMXBean) ManagementFactory.getThreadMXBean();
    static final OperatingSystemMXBean OS = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    static {
        THREADS.setThreadCpuTimeEnabled(true);
        THREADS.setThreadAllocatedMemoryEnabled(true);
    }

    final long nanos;
    final long processCpu;
    final long callerCpu;
    final long callerAllocated;
    final Map<Long, long[]> perThread = new HashMap<>();
    final Map<Long, String> names = new HashMap<>();
    /** CPU ticks per OS thread (JVM-internal threads such as GC and JIT compilers included), from /proc. */
    final Map<String, long[]> osThreads = osThreads();

    private ThreadCosts() {
        long[] ids = THREADS.getAllThreadIds();
        long[] cpu = THREADS.getThreadCpuTime(ids);
        long[] allocated = THREADS.getThreadAllocatedBytes(ids);
        for (int i = 0; i < ids.length; i++) {
            perThread.put(ids[i], new long[] { cpu[i], allocated[i] });
        }
        for (java.lang.management.ThreadInfo info : THREADS.getThreadInfo(ids)) {
            if (info != null) {
                names.put(info.getThreadId(), info.getThreadName());
            }
        }
        callerCpu = THREADS.getCurrentThreadCpuTime();
        callerAllocated = THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
        processCpu = OS.getProcessCpuTime();
        nanos = System.nanoTime();
    }

    static ThreadCosts now() {
        return new ThreadCosts();
    }

    /** tid -> {name hash unused, ticks}, keyed "tid name"; empty where /proc is not there. */
    private static Map<String, long[]> osThreads() {
        Map<String, long[]> result = new HashMap<>();
        java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
        if (tasks == null) {
            return result;
        }
        for (java.io.File task : tasks) {
            try {
                String stat = java.nio.file.Files.readString(task.toPath().resolve("stat"));
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                String name = stat.substring(open + 1, close);
                String[] fields = stat.substring(close + 2).split(" ");
                // fields after the name: state is [0], utime is [11], stime is [12]
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                result.put(task.getName() + " " + name, new long[] { ticks });
            } catch (java.io.IOException | RuntimeException e) {
                // the thread ended meanwhile
            }
        }
        return result;
    }

    /**
     * CPU per OS thread name pattern between two snapshots, in milliseconds (10 ms resolution), busiest first: shows
     * the JVM's own threads (GC, JIT) that ThreadMXBean does not see.
     */
    static String busiestOsThreads(ThreadCosts before, ThreadCosts after, int count) {
        Map<String, Long> byName = new HashMap<>();
        for (Map.Entry<String, long[]> entry : after.osThreads.entrySet()) {
            long then = before.osThreads.getOrDefault(entry.getKey(), new long[] { 0 })[0];
            String name = entry.getKey().substring(entry.getKey().indexOf(' ') + 1).replaceAll("[#-]?\\d+$", "");
            byName.merge(name, (entry.getValue()[0] - then) * 10, Long::sum);
        }
        return byName.entrySet().stream()
                .sorted(Map.Entry.<String, Long> comparingByValue().reversed())
                .limit(count)
                .map(e -> e.getKey() + "=" + e.getValue() + "ms")
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * What happened between two snapshots.
     *
     * @param stubThreads the ids of the stub server's threads, counted apart
     */
    static Delta between(ThreadCosts before, ThreadCosts after, Set<Long> stubThreads) {
        long stubCpu = 0;
        long stubAllocated = 0;
        long otherAllocated = 0;
        Map<String, Long> cpuByThread = new HashMap<>();
        for (Map.Entry<Long, long[]> entry : after.perThread.entrySet()) {
            long[] then = before.perThread.getOrDefault(entry.getKey(), new long[] { 0, 0 });
            long[] now = entry.getValue();
            if (now[0] < 0 || now[1] < 0) {
                continue;
            }
            long cpu = now[0] - Math.max(0, then[0]);
            long allocated = now[1] - Math.max(0, then[1]);
            if (stubThreads.contains(entry.getKey())) {
                stubCpu += cpu;
                stubAllocated += allocated;
            } else {
                otherAllocated += allocated;
                cpuByThread.merge(after.names.getOrDefault(entry.getKey(), "?"), cpu, Long::sum);
            }
        }
        long jitTicks = 0;
        for (Map.Entry<String, long[]> entry : after.osThreads.entrySet()) {
            String name = entry.getKey().substring(entry.getKey().indexOf(' ') + 1);
            if (name.startsWith("C1 Compiler") || name.startsWith("C2 Compiler")) {
                jitTicks += entry.getValue()[0] - before.osThreads.getOrDefault(entry.getKey(), new long[] { 0 })[0];
            }
        }
        return new Delta(after.nanos - before.nanos, after.processCpu - before.processCpu, stubCpu, jitTicks * 10_000_000L,
                after.callerCpu - before.callerCpu, after.callerAllocated - before.callerAllocated, otherAllocated,
                stubAllocated, cpuByThread);
    }

    /**
     * @param processCpu     CPU of the whole process, GC and JIT included
     * @param stubCpu        CPU of the stub's threads
     * @param jitCpu         CPU of the JIT compiler threads (10 ms resolution)
     * @param callerCpu      CPU of the calling thread
     * @param clientAllocated bytes allocated by every thread but the stub's
     * @param cpuByThread    CPU per thread name, the stub's threads left out
     */
    record Delta(long wallNanos, long processCpu, long stubCpu, long jitCpu, long callerCpu, long callerAllocated,
                 long clientAllocated, long stubAllocated, Map<String, Long> cpuByThread) {

        /** CPU of the process without the stub and the JIT compilers: the client side, its GC work included. */
        long clientCpu() {
            return processCpu - stubCpu - jitCpu;
        }

        /** The threads (other than the stub's) that used the most CPU, for the progress log. */
        String busiestThreads(int count) {
            return cpuByThread.entrySet().stream()
                    .sorted(Map.Entry.<String, Long> comparingByValue().reversed())
                    .limit(count)
                    .map(e -> e.getKey() + "=" + e.getValue() / 1_000_000 + "ms")
                    .collect(java.util.stream.Collectors.joining(", "));
        }
    }
}

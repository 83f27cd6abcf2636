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
package io.github.camelhightouch.internal.events;

import java.util.Locale;

import io.github.camelhightouch.HightouchOperation;

/**
 * The kinds of event the Events API takes, by their {@code type} on the wire.
 */
public enum EventType {
    TRACK,
    IDENTIFY,
    PAGE,
    SCREEN,
    GROUP,
    ALIAS;

    private final String wire = name().toLowerCase(Locale.ROOT);

    /** The {@code type} value on the wire. */
    public String wire() {
        return wire;
    }

    /** The type an operation sends, or null for batch (each event names its own). */
    public static EventType of(HightouchOperation operation) {
        return switch (operation) {
            case track -> TRACK;
            case identify -> IDENTIFY;
            case page -> PAGE;
            case screen -> SCREEN;
            case group -> GROUP;
            case alias -> ALIAS;
            case batch -> null;
            default -> throw new IllegalArgumentException(operation + " is not an events operation");
        };
    }

    /** The type of a {@code type} value, or null when it names none. */
    public static EventType fromWire(String value) {
        for (EventType type : values()) {
            if (type.wire.equals(value)) {
                return type;
            }
        }
        return null;
    }

    /** The field that holds the event's free-form object: {@code traits} or {@code properties}. */
    String payloadField() {
        return this == IDENTIFY || this == GROUP ? "traits" : "properties";
    }

    /** The wire names of all types, for messages. */
    static String names() {
        return "track, identify, page, screen, group, alias";
    }
}

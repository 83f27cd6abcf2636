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
package io.github.camelhightouch.internal.body;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import io.github.camelhightouch.HightouchConstants;
import io.github.camelhightouch.HightouchOperationOptions;
import io.github.camelhightouch.HightouchValidationException;
import io.github.camelhightouch.HightouchValidationException.Violation;
import org.apache.camel.Message;

/**
 * Finds the ids an operation needs: from the message header when present (it wins), else from the endpoint option.
 * Only plain ids are accepted, as a String or a Number (Integer, Long, BigInteger, an integral Double or BigDecimal
 * such as {@code 42.0}), surrounding whitespace ignored; a Number that is not a whole number (NaN, {@code 1.5}, one of
 * more than 40 digits) is no id of any kind:
 * <ul>
 * <li>the ids Hightouch types as numbers (sourceId, modelId, destinationId, syncId, syncRunId) must be whole numbers
 * from 1 to {@value Long#MAX_VALUE}, written with the digits 0-9 only (no sign, no decimal point, no exponent);
 * leading zeros are dropped, so {@code "007"} is sent as {@code 7};</li>
 * <li>the others (syncSlug, syncSequenceId, syncSequenceRunId, and the ids of identity resolution, campaigns, event
 * contracts and domains and the decision engine, which Hightouch types as strings) are text of at most 256
 * characters, without control characters or unpaired surrogates (which have no UTF-8 form), and not {@code .} or
 * {@code ..}; they are sent as given.</li>
 * </ul>
 * Every id is URL-encoded into one path segment, so that no id can change the path.
 */
public final class IdResolver {

    private static final Pattern DIGITS = Pattern.compile("[0-9]+");
    private static final int MAX_TEXT_ID = 256;
    private static final BigInteger MAX_NUMERIC_ID = BigInteger.valueOf(Long.MAX_VALUE);
    /** More integer digits than this cannot be an id; such a number is not expanded into its digits. */
    private static final int MAX_INTEGER_DIGITS = 40;
    /** What a Number must read as to be a text id: NaN, 1.5 or 1E+1000000000 are no ids (numeric ids have DIGITS). */
    private static final Pattern WHOLE_NUMBER = Pattern.compile("-?[0-9]{1," + MAX_INTEGER_DIGITS + "}");
    private static final String NUMERIC_RULE = "must be a Hightouch id (digits only): a whole number from 1 to "
                                               + Long.MAX_VALUE;

    /** The ids, each with its option, its header and whether Hightouch types it as a number. */
    public enum Id {
        SOURCE("sourceId", HightouchConstants.SOURCE_ID, true),
        MODEL("modelId", HightouchConstants.MODEL_ID, true),
        DESTINATION("destinationId", HightouchConstants.DESTINATION_ID, true),
        SYNC("syncId", HightouchConstants.SYNC_ID, true),
        SYNC_SLUG("syncSlug", HightouchConstants.SYNC_SLUG, false),
        SYNC_RUN("syncRunId", HightouchConstants.SYNC_RUN_ID, true),
        SYNC_SEQUENCE("syncSequenceId", HightouchConstants.SYNC_SEQUENCE_ID, false),
        SYNC_SEQUENCE_RUN("syncSequenceRunId", HightouchConstants.SYNC_SEQUENCE_RUN_ID, false),
        GRAPH("graphId", HightouchConstants.GRAPH_ID, false),
        IDR_RUN("idrRunId", HightouchConstants.IDR_RUN_ID, false),
        IDR_REQUEST("idrRequestId", HightouchConstants.IDR_REQUEST_ID, false),
        CAMPAIGN("campaignId", HightouchConstants.CAMPAIGN_ID, false),
        CAMPAIGN_SEND("campaignSendId", HightouchConstants.CAMPAIGN_SEND_ID, false),
        CONTRACT("contractId", HightouchConstants.CONTRACT_ID, false),
        DOMAIN("domainId", HightouchConstants.DOMAIN_ID, false),
        FLOW("flowId", HightouchConstants.FLOW_ID, false),
        FLOW_MESSAGE("flowMessageId", HightouchConstants.FLOW_MESSAGE_ID, false);

        private final String option;
        private final String header;
        private final boolean numeric;

        Id(String option, String header, boolean numeric) {
            this.option = option;
            this.header = header;
            this.numeric = numeric;
        }

        /** The endpoint option. */
        public String option() {
            return option;
        }

        /** The message header. */
        public String header() {
            return header;
        }

        /** The placeholder in an operation's path, e.g. {@code {syncId}}. */
        public String placeholder() {
            return "{" + option + "}";
        }

        String optionValue(HightouchOperationOptions options) {
            return switch (this) {
                case SOURCE -> options.getSourceId();
                case MODEL -> options.getModelId();
                case DESTINATION -> options.getDestinationId();
                case SYNC -> options.getSyncId();
                case SYNC_SLUG -> options.getSyncSlug();
                case SYNC_RUN -> options.getSyncRunId();
                case SYNC_SEQUENCE -> options.getSyncSequenceId();
                case SYNC_SEQUENCE_RUN -> options.getSyncSequenceRunId();
                case GRAPH -> options.getGraphId();
                case IDR_RUN -> options.getIdrRunId();
                case IDR_REQUEST -> options.getIdrRequestId();
                case CAMPAIGN -> options.getCampaignId();
                case CAMPAIGN_SEND -> options.getCampaignSendId();
                case CONTRACT -> options.getContractId();
                case DOMAIN -> options.getDomainId();
                case FLOW -> options.getFlowId();
                case FLOW_MESSAGE -> options.getFlowMessageId();
            };
        }
    }

    private final String operation;
    private final HightouchOperationOptions options;

    public IdResolver(String operation, HightouchOperationOptions options) {
        this.operation = operation;
        this.options = options;
    }

    /**
     * Checks the id options set on the endpoint, so that a bad one fails the route at start.
     *
     * @throws IllegalArgumentException naming the option
     */
    public void checkOptions() {
        for (Id id : Id.values()) {
            String value = id.optionValue(options);
            if (value != null) {
                String problem = problem(id, value.trim());
                if (problem != null) {
                    throw new IllegalArgumentException(id.option() + ": " + problem);
                }
            }
        }
    }

    /**
     * The id from the header, else from the option; null when neither is set.
     *
     * @throws HightouchValidationException when the value is not a plain id
     */
    public String find(Id id, Message message) throws HightouchValidationException {
        String header = header(id, message);
        return header != null ? header : option(id);
    }

    /**
     * The id from the header only; null when the header is absent.
     */
    public String header(Id id, Message message) throws HightouchValidationException {
        Object header = message.getHeader(id.header());
        return header == null ? null : check(id, header, "header " + id.header());
    }

    /**
     * The id from the option only (never from a header); null when unset.
     */
    public String option(Id id) throws HightouchValidationException {
        String option = id.optionValue(options);
        return option == null ? null : check(id, option, id.option());
    }

    /**
     * The id from the header, else from the option.
     *
     * @throws HightouchValidationException when neither is set or the value is not a plain id
     */
    public String require(Id id, Message message) throws HightouchValidationException {
        String value = find(id, message);
        if (value == null) {
            throw new HightouchValidationException(operation, List.of(new Violation(id.option(),
                    "is required for hightouch:" + operation + ": set the " + id.option() + " option or the "
                                                                                          + id.header() + " header")));
        }
        return value;
    }

    /**
     * The id as text, checked: a String or a Number; for numeric ids a positive long, without leading zeros.
     */
    private String check(Id id, Object value, String source) throws HightouchValidationException {
        String text = normalize(value);
        String problem = text == null
                ? "must be a string or a number (a plain id), got " + value.getClass().getName()
                : !id.numeric && value instanceof Number && !WHOLE_NUMBER.matcher(text).matches()
                        ? "must be a whole number when it is given as a Number, got " + value.getClass().getSimpleName()
                          + " " + shorten(text)
                        : problem(id, text.trim());
        if (problem != null) {
            throw new HightouchValidationException(operation, List.of(new Violation(source, problem)));
        }
        String trimmed = text.trim();
        return id.numeric ? numericId(trimmed) : trimmed;
    }

    private static String normalize(Object value) {
        if (value instanceof CharSequence text) {
            return text.toString();
        }
        if (value instanceof BigDecimal decimal) {
            return integral(decimal);
        }
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            return Double.isFinite(d) && d == Math.rint(d) ? integral(new BigDecimal(d)) : value.toString();
        }
        if (value instanceof Number number) {
            return number.toString();
        }
        return null;
    }

    /**
     * The digits of an integral decimal ({@code 42.00} gives {@code 42}); a fraction or a number too large for an id
     * keeps its short form ({@code 42.5}, {@code 1E+1000}), which the rules then refuse for a numeric id.
     */
    private static String integral(BigDecimal decimal) {
        if (decimal.signum() == 0) {
            return "0";
        }
        if (decimal.precision() - decimal.scale() > MAX_INTEGER_DIGITS) {
            return decimal.toString();
        }
        BigDecimal stripped = decimal.stripTrailingZeros();
        return stripped.scale() <= 0 ? stripped.toBigIntegerExact().toString() : decimal.toString();
    }

    private static String problem(Id id, String text) {
        if (text.isEmpty()) {
            return "must not be empty";
        }
        if (id.numeric) {
            return numericId(text) == null ? NUMERIC_RULE + ", got \"" + shorten(text) + "\"" : null;
        }
        if (".".equals(text) || "..".equals(text)) {
            return "must not be a dot-segment (\"" + text + "\")";
        }
        if (text.length() > MAX_TEXT_ID) {
            return "is longer than " + MAX_TEXT_ID + " characters";
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isISOControl(c)) {
                return "must not contain control characters";
            }
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                // no UTF-8 form: URL-encoding would send a '?' in its place, another id than the one given
                return "must not contain an unpaired surrogate (U+" + Integer.toHexString(c).toUpperCase(Locale.ROOT)
                       + " at index " + i + "): it cannot be sent as given";
            }
        }
        return null;
    }

    /**
     * The numeric id without leading zeros, or null when the text is not digits only or not from 1 to
     * Long.MAX_VALUE.
     */
    private static String numericId(String text) {
        if (text.length() > MAX_TEXT_ID || !DIGITS.matcher(text).matches()) {
            return null;
        }
        int start = 0;
        while (start < text.length() - 1 && text.charAt(start) == '0') {
            start++;
        }
        String digits = text.substring(start);
        if ("0".equals(digits) || digits.length() > 19 || new BigInteger(digits).compareTo(MAX_NUMERIC_ID) > 0) {
            return null;
        }
        return digits;
    }

    private static String shorten(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }

    /**
     * Encodes an id as one path segment: a slash or a query character cannot escape it (dot-segments are refused
     * before).
     */
    public static String encode(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The path with the placeholder of the id replaced by the encoded value.
     */
    public static String expand(String path, Id id, String value) {
        return path.replace(id.placeholder(), encode(value));
    }
}

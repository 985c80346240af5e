/**
 * The MQTT 5 control packets as immutable values, their reason codes, and the enums of their fields.
 *
 * <p>Section numbers in this package refer to the OASIS standard "MQTT Version 5.0" (7 March 2019),
 * and {@code [MQTT-x.y.z-n]} to its numbered conformance statements.
 *
 * <p>Conventions shared by every packet:
 * <ul>
 *   <li>A packet is built with {@code builder()} and copied with {@code toBuilder()}. Builders are not
 *       thread-safe; built packets are immutable and thread-safe, and byte arrays are copied in and out.</li>
 *   <li>Each setter checks its argument and throws at once ({@link java.lang.NullPointerException} or
 *       {@link java.lang.IllegalArgumentException}, naming the field); {@code build()} throws
 *       {@link java.lang.IllegalStateException} for rules that involve several fields. A built packet is
 *       well-formed.</li>
 *   <li>An optional property is null when absent, and an absent property is not sent; the getter's
 *       documentation says which value the specification then assumes.</li>
 *   <li>Strings must be valid MQTT strings (section 1.5.4): no U+0000, no unpaired surrogate, at most
 *       65,535 bytes of UTF-8. Binary data is at most 65,535 bytes.</li>
 *   <li>Packets carry no packet identifier and no DUP flag: the client assigns those per
 *       connection.</li>
 * </ul>
 */
package dev.tern.mqtt5.packets;

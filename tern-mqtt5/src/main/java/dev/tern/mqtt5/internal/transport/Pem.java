package dev.tern.mqtt5.internal.transport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKey;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads certificates and private keys from PEM (RFC 7468) with the JDK alone: PKCS#8
 * ({@code PRIVATE KEY}), encrypted PKCS#8 ({@code ENCRYPTED PRIVATE KEY}, PBES2 or PBES1), PKCS#1 RSA
 * ({@code RSA PRIVATE KEY}) and SEC1 EC ({@code EC PRIVATE KEY}) — the last two are rewrapped as PKCS#8.
 *
 * <p>Errors are {@link KeyMaterialException}s that name the source and the format expected; they never
 * contain key bytes or passwords.
 */
public final class Pem {

    private static final byte[] RSA_ALGORITHM = {
        0x30, 0x0D, 0x06, 0x09, 0x2A, (byte) 0x86, 0x48, (byte) 0x86, (byte) 0xF7, 0x0D, 0x01, 0x01, 0x01, 0x05, 0x00
    };
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2A, (byte) 0x86, 0x48, (byte) 0xCE, 0x3D, 0x02, 0x01};
    private static final String PBES2_OID = "1.2.840.113549.1.5.13";

    private Pem() {
    }

    /** One {@code -----BEGIN label-----} block. */
    static final class Block {
        final String label;
        final byte[] der;
        final boolean hasHeaders;

        Block(String label, byte[] der, boolean hasHeaders) {
            this.label = label;
            this.der = der;
            this.hasHeaders = hasHeaders;
        }
    }

    static List<Block> blocks(byte[] pem, String source) {
        String text = new String(pem, StandardCharsets.US_ASCII);
        List<Block> blocks = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", at);
            if (begin < 0) {
                break;
            }
            int labelEnd = text.indexOf("-----", begin + 11);
            if (labelEnd < 0) {
                throw new KeyMaterialException(source + " has a PEM BEGIN line without its closing dashes");
            }
            String label = text.substring(begin + 11, labelEnd).trim();
            String endMarker = "-----END " + label + "-----";
            int end = text.indexOf(endMarker, labelEnd);
            if (end < 0) {
                throw new KeyMaterialException(source + " has a PEM block '" + label + "' without its END line");
            }
            String body = text.substring(labelEnd + 5, end);
            StringBuilder base64 = new StringBuilder(body.length());
            boolean headers = false;
            for (String line : body.split("\r?\n")) {
                if (line.contains(":")) {
                    headers = true; // RFC 1421 headers, e.g. Proc-Type for an OpenSSL-encrypted key
                } else {
                    base64.append(line.trim());
                }
            }
            byte[] der;
            try {
                der = Base64.getMimeDecoder().decode(base64.toString());
            } catch (IllegalArgumentException e) {
                throw new KeyMaterialException(source + " has a PEM block '" + label + "' that is not valid base64");
            }
            blocks.add(new Block(label, der, headers));
            at = end + endMarker.length();
        }
        return blocks;
    }

    /** The certificates in PEM {@code text}, in order (a chain: leaf first). */
    public static List<X509Certificate> certificates(byte[] pem, String source) {
        List<X509Certificate> certificates = new ArrayList<>();
        CertificateFactory factory;
        try {
            factory = CertificateFactory.getInstance("X.509");
        } catch (CertificateException e) {
            throw new IllegalStateException("the JDK has no X.509 support", e);
        }
        for (Block block : blocks(pem, source)) {
            if (!block.label.equals("CERTIFICATE") && !block.label.equals("TRUSTED CERTIFICATE")) {
                continue;
            }
            try {
                certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.der)));
            } catch (CertificateException e) {
                throw new KeyMaterialException(source + " contains a CERTIFICATE block that is not a valid X.509"
                        + " certificate: " + e.getMessage());
            }
        }
        if (certificates.isEmpty()) {
            throw new KeyMaterialException(source + " contains no PEM 'CERTIFICATE' block; expected an X.509"
                    + " certificate in PEM form (-----BEGIN CERTIFICATE-----)");
        }
        return certificates;
    }

    /**
     * The private key in PEM {@code text}; {@code password} for an encrypted PKCS#8 key (null otherwise).
     */
    public static PrivateKey privateKey(byte[] pem, char[] password, String source) {
        List<Block> blocks = blocks(pem, source);
        List<String> seen = new ArrayList<>();
        for (Block block : blocks) {
            seen.add(block.label);
            switch (block.label) {
                case "PRIVATE KEY":
                    return pkcs8(block.der, source);
                case "ENCRYPTED PRIVATE KEY":
                    return encryptedPkcs8(block.der, password, source);
                case "RSA PRIVATE KEY":
                    if (block.hasHeaders) {
                        throw new KeyMaterialException(source + " holds an OpenSSL-encrypted PKCS#1 key (Proc-Type"
                                + " header), which Java cannot read; convert it to encrypted PKCS#8 with"
                                + " 'openssl pkcs8 -topk8 -in key.pem -out key8.pem'");
                    }
                    return generate("RSA", wrap(RSA_ALGORITHM, block.der), source, "PKCS#1 RSA");
                case "EC PRIVATE KEY":
                    if (block.hasHeaders) {
                        throw new KeyMaterialException(source + " holds an OpenSSL-encrypted SEC1 key (Proc-Type"
                                + " header), which Java cannot read; convert it to encrypted PKCS#8 with"
                                + " 'openssl pkcs8 -topk8 -in key.pem -out key8.pem'");
                    }
                    return sec1(block.der, source);
                default:
                    // EC PARAMETERS, CERTIFICATE, …: keep looking
            }
        }
        throw new KeyMaterialException(source + " contains no private key; expected a PEM block 'PRIVATE KEY'"
                + " (PKCS#8), 'ENCRYPTED PRIVATE KEY' (encrypted PKCS#8), 'RSA PRIVATE KEY' (PKCS#1) or"
                + " 'EC PRIVATE KEY' (SEC1)" + (seen.isEmpty() ? ", found no PEM block at all" : ", found " + seen));
    }

    private static PrivateKey pkcs8(byte[] der, String source) {
        for (String algorithm : new String[] {"RSA", "EC", "EdDSA", "Ed25519", "DSA", "RSASSA-PSS"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
                // try the next algorithm
            }
        }
        throw new KeyMaterialException(source + " holds a PKCS#8 'PRIVATE KEY' of an algorithm this JDK does"
                + " not support (tried RSA, EC, EdDSA, DSA), or a corrupt one");
    }

    private static PrivateKey generate(String algorithm, byte[] pkcs8, String source, String format) {
        try {
            return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new KeyMaterialException(source + " holds a " + format + " private key that could not be read"
                    + " (corrupt or truncated)");
        }
    }

    private static PrivateKey encryptedPkcs8(byte[] der, char[] password, String source) {
        if (password == null) {
            throw new KeyMaterialException(source + " holds an encrypted PKCS#8 key ('ENCRYPTED PRIVATE KEY');"
                    + " give its password");
        }
        try {
            EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
            String algorithm = info.getAlgName();
            AlgorithmParameters parameters = info.getAlgParameters();
            if (PBES2_OID.equals(algorithm) || "PBES2".equals(algorithm)) {
                algorithm = parameters.toString(); // e.g. PBEWithHmacSHA256AndAES_256
            }
            SecretKey key = SecretKeyFactory.getInstance(algorithm).generateSecret(new PBEKeySpec(password));
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.DECRYPT_MODE, key, parameters);
            PKCS8EncodedKeySpec spec = info.getKeySpec(cipher);
            return pkcs8(spec.getEncoded(), source);
        } catch (InvalidKeySpecException e) {
            throw new KeyMaterialException(source + " holds an encrypted PKCS#8 key that the given password does"
                    + " not open (wrong password, or a corrupt file)");
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new KeyMaterialException(source + " holds an encrypted PKCS#8 key whose encryption this JDK"
                    + " cannot undo: " + e.getClass().getSimpleName());
        }
    }

    /** SEC1 ECPrivateKey → PKCS#8, taking the curve from its parameters field. */
    private static PrivateKey sec1(byte[] der, String source) {
        byte[] curveOid = null;
        try {
            Der.Reader sequence = new Der.Reader(der).sequence();
            sequence.next(); // version
            sequence.next(); // privateKey OCTET STRING
            while (sequence.hasMore()) {
                Der.Element element = sequence.next();
                if (element.tag == 0xA0) {
                    Der.Element oid = new Der.Reader(element.value).next();
                    if (oid.tag == 0x06) {
                        curveOid = oid.encoded;
                    }
                }
            }
        } catch (RuntimeException e) {
            throw new KeyMaterialException(source + " holds an 'EC PRIVATE KEY' that is not valid SEC1 DER");
        }
        if (curveOid == null) {
            throw new KeyMaterialException(source + " holds an 'EC PRIVATE KEY' without its curve; export it as"
                    + " PKCS#8 ('openssl pkcs8 -topk8 -nocrypt')");
        }
        byte[] algorithm = Der.sequence(Der.concat(EC_PUBLIC_KEY_OID, curveOid));
        return generate("EC", wrap(algorithm, der), source, "SEC1 EC");
    }

    /** PrivateKeyInfo { 0, algorithm, OCTET STRING key }. */
    private static byte[] wrap(byte[] algorithmIdentifier, byte[] key) {
        return Der.sequence(Der.concat(new byte[] {0x02, 0x01, 0x00}, algorithmIdentifier, Der.tlv(0x04, key)));
    }

    /** Thrown when certificates or keys cannot be read; says which and why, never what they contain. */
    public static final class KeyMaterialException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public KeyMaterialException(String message) {
            super(message);
        }
    }

    /** A minimal DER encoder and reader: just what rewrapping keys needs. */
    static final class Der {
        private Der() {
        }

        static byte[] tlv(int tag, byte[] value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream(value.length + 6);
            out.write(tag);
            int length = value.length;
            if (length < 0x80) {
                out.write(length);
            } else if (length <= 0xFF) {
                out.write(0x81);
                out.write(length);
            } else if (length <= 0xFFFF) {
                out.write(0x82);
                out.write(length >> 8);
                out.write(length);
            } else {
                out.write(0x83);
                out.write(length >> 16);
                out.write(length >> 8);
                out.write(length);
            }
            out.write(value, 0, value.length);
            return out.toByteArray();
        }

        static byte[] sequence(byte[] content) {
            return tlv(0x30, content);
        }

        static byte[] concat(byte[]... parts) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (byte[] part : parts) {
                out.write(part, 0, part.length);
            }
            return out.toByteArray();
        }

        static final class Element {
            final int tag;
            final byte[] value;
            final byte[] encoded;

            Element(int tag, byte[] value, byte[] encoded) {
                this.tag = tag;
                this.value = value;
                this.encoded = encoded;
            }
        }

        static final class Reader {
            private final byte[] data;
            private int at;

            Reader(byte[] data) {
                this.data = data;
            }

            boolean hasMore() {
                return at < data.length;
            }

            Element next() {
                int start = at;
                int tag = data[at++] & 0xFF;
                int length = data[at++] & 0xFF;
                if (length >= 0x80) {
                    int bytes = length & 0x7F;
                    if (bytes == 0 || bytes > 3) {
                        throw new IllegalArgumentException("unsupported DER length");
                    }
                    length = 0;
                    for (int i = 0; i < bytes; i++) {
                        length = (length << 8) | (data[at++] & 0xFF);
                    }
                }
                if (length > data.length - at) {
                    throw new IllegalArgumentException("DER length beyond the data");
                }
                byte[] value = java.util.Arrays.copyOfRange(data, at, at + length);
                at += length;
                return new Element(tag, value, java.util.Arrays.copyOfRange(data, start, at));
            }

            Reader sequence() {
                Element element = next();
                if (element.tag != 0x30) {
                    throw new IllegalArgumentException("not a SEQUENCE");
                }
                return new Reader(element.value);
            }
        }
    }
}

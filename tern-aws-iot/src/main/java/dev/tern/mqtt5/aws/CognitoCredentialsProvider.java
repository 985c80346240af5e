package dev.tern.mqtt5.aws;

import dev.tern.mqtt5.aws.internal.TernSdkHttpClient;
import dev.tern.mqtt5.transport.HttpProxyOptions;
import dev.tern.mqtt5.transport.TlsOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClient;
import software.amazon.awssdk.services.cognitoidentity.model.Credentials;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityRequest;
import software.amazon.awssdk.services.cognitoidentity.model.GetCredentialsForIdentityResponse;
import software.amazon.awssdk.services.cognitoidentity.model.InvalidParameterException;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;
import software.amazon.awssdk.services.cognitoidentity.model.ResourceNotFoundException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * AWS credentials for an Amazon Cognito <em>identity</em> (not an identity pool): temporary credentials
 * from Cognito's {@code GetCredentialsForIdentity}, cached until shortly before they expire, so that
 * reconnecting does not call Cognito every time.
 *
 * <pre>{@code
 * CognitoCredentialsProvider credentials = CognitoCredentialsProvider.builder("us-east-1:0123…-identity-id")
 *         .login("cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf", idToken)   // authenticated identities
 *         .build();
 * Mqtt5Client client = Mqtt5ClientBuilder.websocketsWithDefaultAwsSigning(endpoint, null, credentials).build();
 * }</pre>
 *
 * The identity ID ({@code <region>:<uuid>}) comes from Cognito's {@code GetId} for your identity pool — an
 * identity <em>pool</em> ID looks the same and is the common mistake; Cognito then answers that the identity
 * does not exist, and the exception says so. The request is unsigned and goes through the same HTTP proxy
 * as the MQTT connection when the provider is given to a {@link Mqtt5ClientBuilder} with
 * {@code withHttpProxyOptions} (unless it has one of its own). Thread-safe.
 */
public final class CognitoCredentialsProvider implements AwsCredentialsProvider {

    private static final Logger LOG = LoggerFactory.getLogger(CognitoCredentialsProvider.class);

    private final String identityId;
    private final String region;
    private final Map<String, String> logins;
    private final String customRoleArn;
    private final URI endpointOverride;
    private final HttpProxyOptions httpProxyOptions;
    private final TlsOptions tlsOptions;
    private final Duration refreshMargin;
    private final Duration timeout;
    private final Clock clock;

    private AwsSessionCredentials cached;
    private Instant cachedUntil;
    private CognitoCredentialsProvider routedCopy;

    private CognitoCredentialsProvider(Builder b) {
        this.identityId = b.identityId;
        this.region = b.region;
        this.logins = Collections.unmodifiableMap(new LinkedHashMap<>(b.logins));
        this.customRoleArn = b.customRoleArn;
        this.endpointOverride = b.endpointOverride;
        this.httpProxyOptions = b.httpProxyOptions;
        this.tlsOptions = b.tlsOptions;
        this.refreshMargin = b.refreshMargin;
        this.timeout = b.timeout;
        this.clock = b.clock;
    }

    /**
     * Starts a provider for a Cognito identity.
     *
     * @param identityId the Cognito identity ID, {@code <region>:<uuid>}, from {@code GetId}; the region is
     *     read from it unless {@link Builder#region(String)} is set
     * @return a new builder
     * @throws IllegalArgumentException if {@code identityId} is null or empty
     */
    public static Builder builder(String identityId) {
        return new Builder(identityId);
    }

    /** {@return the Cognito identity ID} */
    public String identityId() {
        return identityId;
    }

    /** {@return the region of Cognito's endpoint} */
    public String region() {
        return region;
    }

    /**
     * Returns the cached credentials while they are good for longer than the refresh margin; otherwise
     * fetches fresh ones from Cognito (the SDK retries throttling and server errors), within the timeout. If
     * Cognito fails while the cached credentials have not yet expired, those are returned and the failure is
     * logged. Blocks while it fetches; concurrent callers wait for the same fetch.
     *
     * @return session credentials with an expiry
     * @throws SdkClientException if Cognito gave no credentials because of the identity (unknown, or its
     *     logins refused), the network, a timeout, or an incomplete answer; the message says why
     * @throws SdkException Cognito's own exception (e.g. {@code InternalErrorException}) if it still fails
     *     after the SDK's retries
     */
    @Override
    public synchronized AwsCredentials resolveCredentials() {
        Instant now = clock.instant();
        if (cached != null && now.isBefore(cachedUntil.minus(refreshMargin))) {
            return cached;
        }
        try {
            fetch();
        } catch (SdkException e) {
            if (cached != null && now.isBefore(cachedUntil)) {
                LOG.warn("Cognito credentials refresh for {} failed, using the cached ones until {}: {}", identityId,
                        cachedUntil, e.getMessage());
                return cached;
            }
            throw e;
        }
        return cached;
    }

    private void fetch() {
        GetCredentialsForIdentityRequest.Builder request = GetCredentialsForIdentityRequest.builder()
                .identityId(identityId);
        if (!logins.isEmpty()) {
            request.logins(logins);
        }
        if (customRoleArn != null) {
            request.customRoleArn(customRoleArn);
        }
        GetCredentialsForIdentityResponse response;
        try (CognitoIdentityClient cognito = client()) {
            response = cognito.getCredentialsForIdentity(request.build());
        } catch (ResourceNotFoundException | InvalidParameterException e) {
            throw SdkClientException.builder().message("Cognito does not know the identity " + identityId + " ("
                    + e.awsErrorDetails().errorMessage() + "). Pass an identity ID — from GetId on the identity pool"
                    + " — not the identity pool ID, which looks alike (<region>:<uuid>)").cause(e).build();
        } catch (ApiCallTimeoutException e) {
            throw SdkClientException.builder().message("no answer from " + (endpointOverride != null
                    ? endpointOverride.getAuthority() : "cognito-identity." + region + ".amazonaws.com")
                    + " within " + timeout.toMillis() + " ms (retries included) for the identity " + identityId)
                    .cause(e).build();
        } catch (NotAuthorizedException e) {
            throw SdkClientException.builder().message("Cognito refused credentials for the identity " + identityId
                    + " (" + e.awsErrorDetails().errorMessage() + "); check the logins (an authenticated identity"
                    + " needs its identity provider token) and the identity pool's roles").cause(e).build();
        }
        Credentials c = response.credentials();
        // AwsSessionCredentials rejects a null token with a NullPointerException: check it here with the rest.
        if (c == null || c.accessKeyId() == null || c.secretKey() == null || c.sessionToken() == null
                || c.expiration() == null) {
            throw SdkClientException.create("Cognito's answer for " + identityId + " holds no credentials");
        }
        AwsSessionCredentials.Builder credentials = AwsSessionCredentials.builder()
                .accessKeyId(c.accessKeyId())
                .secretAccessKey(c.secretKey())
                .sessionToken(c.sessionToken())
                .expirationTime(c.expiration());
        cached = credentials.build();
        cachedUntil = c.expiration();
        LOG.debug("Cognito credentials for {} valid until {}", identityId, cachedUntil);
    }

    private CognitoIdentityClient client() {
        // A client per refresh: refreshes are hourly, and a provider that holds no client needs no close().
        software.amazon.awssdk.services.cognitoidentity.CognitoIdentityClientBuilder builder = CognitoIdentityClient
                .builder()
                .region(Region.of(region))
                // GetCredentialsForIdentity is unsigned: no AWS credentials are needed to get some.
                .credentialsProvider(AnonymousCredentialsProvider.create())
                .httpClient(new TernSdkHttpClient(httpProxyOptions, tlsOptions, timeout))
                // The whole call, retries included, within the timeout: resolveCredentials() holds the lock.
                .overrideConfiguration(c -> c.apiCallTimeout(timeout));
        if (endpointOverride != null) {
            builder.endpointOverride(endpointOverride);
        }
        return builder.build();
    }

    /**
     * This provider, routed through {@code proxy} unless it has a proxy of its own. The routed copy is kept,
     * so that every client a builder makes with the same proxy shares one credentials cache.
     */
    synchronized CognitoCredentialsProvider withDefaultHttpProxy(HttpProxyOptions proxy) {
        if (httpProxyOptions != null || proxy == null) {
            return this;
        }
        if (routedCopy == null || routedCopy.httpProxyOptions != proxy) {
            routedCopy = toBuilder().httpProxyOptions(proxy).build();
        }
        return routedCopy;
    }

    private Builder toBuilder() {
        Builder b = new Builder(identityId);
        b.region = region;
        b.logins.putAll(logins);
        b.customRoleArn = customRoleArn;
        b.endpointOverride = endpointOverride;
        b.httpProxyOptions = httpProxyOptions;
        b.tlsOptions = tlsOptions;
        b.refreshMargin = refreshMargin;
        b.timeout = timeout;
        b.clock = clock;
        return b;
    }

    @Override
    public String toString() {
        // The login tokens are secrets: only the providers' names.
        return "CognitoCredentialsProvider{identityId=" + identityId + ", region=" + region + ", logins="
                + logins.keySet() + (customRoleArn != null ? ", customRoleArn=" + customRoleArn : "")
                + (httpProxyOptions != null ? ", proxy=" + httpProxyOptions : "") + "}";
    }

    /**
     * Builds {@link CognitoCredentialsProvider}s. Not thread-safe. Setters check their arguments and throw
     * {@link IllegalArgumentException}, null included.
     */
    public static final class Builder {
        private final String identityId;
        private String region;
        private final Map<String, String> logins = new LinkedHashMap<>();
        private String customRoleArn;
        private URI endpointOverride;
        private HttpProxyOptions httpProxyOptions;
        private TlsOptions tlsOptions;
        private Duration refreshMargin = Duration.ofMinutes(5);
        private Duration timeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();

        private Builder(String identityId) {
            if (identityId == null || identityId.isEmpty()) {
                throw new IllegalArgumentException("identityId must not be null or empty");
            }
            this.identityId = identityId;
        }

        /**
         * Sets Cognito's region. The default is the region the identity ID starts with.
         *
         * @param region the region, such as {@code us-east-1}
         * @return this builder
         * @throws IllegalArgumentException if {@code region} is null or empty
         */
        public Builder region(String region) {
            if (region == null || region.isEmpty()) {
                throw new IllegalArgumentException("region must not be null or empty");
            }
            this.region = region;
            return this;
        }

        /**
         * Adds a login for an authenticated identity, replacing an earlier one of the same provider. Without
         * logins the identity is unauthenticated.
         *
         * @param providerName the identity provider's name, such as {@code
         *     cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEf} or {@code accounts.google.com}
         * @param token the token it issued, such as an ID token; a secret, never printed
         * @return this builder
         * @throws IllegalArgumentException if {@code providerName} or {@code token} is null or empty
         */
        public Builder login(String providerName, String token) {
            if (providerName == null || providerName.isEmpty() || token == null || token.isEmpty()) {
                throw new IllegalArgumentException("login provider name and token must not be null or empty");
            }
            logins.put(providerName, token);
            return this;
        }

        /**
         * Replaces all logins, as {@link #login(String, String)} adds each.
         *
         * @param logins provider names and their tokens
         * @return this builder
         * @throws NullPointerException if {@code logins} is null
         * @throws IllegalArgumentException if a provider name or token is null or empty
         */
        public Builder logins(Map<String, String> logins) {
            this.logins.clear();
            logins.forEach(this::login);
            return this;
        }

        /**
         * Sets the role to assume, when the identity pool lets the identity choose one. The default is none:
         * the pool's role.
         *
         * @param customRoleArn the role's ARN, or null for none
         * @return this builder
         */
        public Builder customRoleArn(String customRoleArn) {
            this.customRoleArn = customRoleArn;
            return this;
        }

        /**
         * Sets another Cognito endpoint: a VPC endpoint, a FIPS endpoint, or a test server. The default is
         * none: {@code https://cognito-identity.<region>.amazonaws.com}.
         *
         * @param endpoint the endpoint, or null for the default
         * @return this builder
         */
        public Builder endpointOverride(URI endpoint) {
            this.endpointOverride = endpoint;
            return this;
        }

        /**
         * Sets the HTTP proxy to reach Cognito through; basic authentication and TLS to the proxy are
         * supported. The default is none, and then a {@link Mqtt5ClientBuilder} with a proxy lends its own.
         *
         * @param proxy the proxy, or null for none
         * @return this builder
         */
        public Builder httpProxyOptions(HttpProxyOptions proxy) {
            this.httpProxyOptions = proxy;
            return this;
        }

        /**
         * Sets the TLS settings for Cognito's HTTPS (trust, engine). The default is none: the JDK's trusted
         * certificates.
         *
         * @param tls the TLS settings, or null for the defaults
         * @return this builder
         */
        public Builder tlsOptions(TlsOptions tls) {
            this.tlsOptions = tls;
            return this;
        }

        /**
         * Sets how long before their expiry cached credentials are refreshed. The default is 5 minutes.
         *
         * @param margin zero or more
         * @return this builder
         * @throws IllegalArgumentException if {@code margin} is null or negative
         */
        public Builder refreshMargin(Duration margin) {
            if (margin == null || margin.isNegative()) {
                throw new IllegalArgumentException("refreshMargin must be zero or positive");
            }
            this.refreshMargin = margin;
            return this;
        }

        /**
         * Bounds one credentials request to Cognito, retries included (connecting, proxy, TLS, the answer).
         * The default is 10 seconds.
         *
         * @param timeout a positive duration
         * @return this builder
         * @throws IllegalArgumentException if {@code timeout} is null, zero or negative
         */
        public Builder timeout(Duration timeout) {
            if (timeout == null || timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /** The clock the expiry is judged by (tests). */
        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /**
         * Builds the provider. It calls Cognito only when credentials are first resolved.
         *
         * @return a new provider
         * @throws IllegalArgumentException if no region is set and the identity ID does not start with one
         */
        public CognitoCredentialsProvider build() {
            if (region == null) {
                int colon = identityId.indexOf(':');
                String prefix = colon > 0 ? identityId.substring(0, colon) : "";
                if (!prefix.matches("[a-z]{2}(-[a-z]+)+-\\d+")) {
                    throw new IllegalArgumentException("identityId " + identityId + " does not start with a region"
                            + " (<region>:<uuid>); set region(...)");
                }
                region = prefix;
            }
            return new CognitoCredentialsProvider(this);
        }
    }
}

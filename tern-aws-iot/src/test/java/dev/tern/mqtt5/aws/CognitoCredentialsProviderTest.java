package dev.tern.mqtt5.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.tern.mqtt5.testing.HttpConnectProxy;
import dev.tern.mqtt5.testing.ProxyProcess;
import dev.tern.mqtt5.testing.TestPki;
import dev.tern.mqtt5.transport.HttpProxyOptions;
import dev.tern.mqtt5.transport.TlsOptions;
import dev.tern.testing.LoggedSecrets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.cognitoidentity.model.InternalErrorException;
import software.amazon.awssdk.services.cognitoidentity.model.NotAuthorizedException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * {@link CognitoCredentialsProvider} against a fake Cognito in the test JVM ({@link FakeCognito}, the JDK's
 * HTTP server speaking awsJson1.1), over the provider's real path: the AWS SDK's Cognito client on
 * {@code TernSdkHttpClient}, through a real HTTP CONNECT proxy ({@link HttpConnectProxy}) and real TLS where
 * a test says so. All traffic stays on loopback.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CognitoCredentialsProviderTest {

    private static final String IDENTITY_ID = "us-east-1:4f6a1c3e-0d2b-4c59-9b7e-1a2b3c4d5e6f";
    private static final String USER_POOL = "cognito-idp.us-east-1.amazonaws.com/us-east-1_AbCdEfGhI";
    private static final String LOGIN_TOKEN = "eyJraWQiOiJMT0dJTi1UT0tFTi1TRUNSRVQifQ.c2VjcmV0.c2lnbmF0dXJl";
    private static final String ROLE_ARN = "arn:aws:iam::123456789012:role/tern-iot-device";
    private static final String PROXY_USER = "tern-user";
    private static final String PROXY_PASSWORD = "pr0xy-S3cret!";
    /** Every secret the fake hands out starts with one of these. */
    static final String SECRET_KEY_PREFIX = "SECRET-KEY-";
    static final String SESSION_TOKEN_PREFIX = "SESSION-TOKEN-";

    static {
        LoggedSecrets.register(LOGIN_TOKEN);
        LoggedSecrets.register(PROXY_PASSWORD);
    }

    private static TestPki cognitoPki;
    private static TestPki proxyPki;

    private FakeCognito cognito;
    private final List<HttpConnectProxy> proxies = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        cognitoPki = TestPki.create("tern-test-cognito-ca");
        proxyPki = TestPki.create("tern-test-proxy-ca"); // not Cognito's CA: the two trusts are independent
    }

    @AfterAll
    static void removeCertificates() {
        ProxyProcess.deleteTree(cognitoPki.folder());
        ProxyProcess.deleteTree(proxyPki.folder());
    }

    @AfterEach
    void tearDown() {
        proxies.forEach(HttpConnectProxy::close);
        if (cognito != null) {
            cognito.close();
            assertThat(cognito.violations()).as("requests that were not a GetCredentialsForIdentity").isEmpty();
        }
    }

    private CognitoCredentialsProvider.Builder provider() {
        return CognitoCredentialsProvider.builder(IDENTITY_ID).endpointOverride(cognito.endpoint());
    }

    private HttpConnectProxy proxy(HttpConnectProxy.Builder builder) {
        HttpConnectProxy proxy = builder.start();
        proxies.add(proxy);
        return proxy;
    }

    private static HttpProxyOptions.Builder via(HttpConnectProxy proxy) {
        return HttpProxyOptions.builder("127.0.0.1", proxy.port());
    }

    // ==== the request on the wire ===================================================================

    @Test
    void theRequestIsAnUnsignedAwsJsonGetCredentialsForIdentity() {
        cognito = FakeCognito.http();
        provider().login(USER_POOL, LOGIN_TOKEN).login("accounts.google.com", "google-id-token")
                .customRoleArn(ROLE_ARN).build().resolveCredentials();

        assertThat(cognito.requests()).hasSize(1);
        FakeCognito.Request request = cognito.requests().get(0);
        assertThat(request.method).isEqualTo("POST");
        assertThat(request.path).isEqualTo("/");
        assertThat(request.header("content-type")).isEqualTo("application/x-amz-json-1.1");
        assertThat(request.header("x-amz-target")).isEqualTo("AWSCognitoIdentityService.GetCredentialsForIdentity");
        assertThat(request.header("host")).isEqualTo("127.0.0.1:" + cognito.port());
        assertThat(request.header("connection")).isEqualToIgnoringCase("close");
        // GetCredentialsForIdentity is how one gets AWS credentials: it cannot require them.
        assertThat(request.headers).doesNotContainKeys("authorization", "x-amz-security-token", "x-amz-content-sha256");
        assertThat(request.identityId()).isEqualTo(IDENTITY_ID);
        assertThat(request.logins()).containsExactly(
                Map.entry(USER_POOL, LOGIN_TOKEN), Map.entry("accounts.google.com", "google-id-token"));
        assertThat(request.customRoleArn()).isEqualTo(ROLE_ARN);
    }

    @Test
    void anUnauthenticatedIdentitySendsNeitherLoginsNorARole() {
        cognito = FakeCognito.http();
        provider().build().resolveCredentials();

        FakeCognito.Request request = cognito.requests().get(0);
        assertThat(request.identityId()).isEqualTo(IDENTITY_ID);
        assertThat(request.body).doesNotContain("Logins").doesNotContain("CustomRoleArn");
    }

    @Test
    void loginsReplacesTheLoginsGivenBefore() {
        cognito = FakeCognito.http();
        provider().login("accounts.google.com", "google-id-token").logins(Map.of(USER_POOL, LOGIN_TOKEN)).build()
                .resolveCredentials();

        assertThat(cognito.requests().get(0).logins()).containsExactly(Map.entry(USER_POOL, LOGIN_TOKEN));
    }

    // ==== the answer ==================================================================================

    @Test
    void theCredentialsCarryTheSessionTokenAndTheExpiration() {
        cognito = FakeCognito.http();
        Instant expiration = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
        cognito.expiration(expiration);

        AwsCredentials credentials = provider().build().resolveCredentials();

        assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
        AwsSessionCredentials session = (AwsSessionCredentials) credentials;
        assertThat(session.accessKeyId()).isEqualTo("ASIAFAKE1");
        assertThat(session.secretAccessKey()).isEqualTo(SECRET_KEY_PREFIX + 1);
        assertThat(session.sessionToken()).isEqualTo(SESSION_TOKEN_PREFIX + 1);
        assertThat(session.expirationTime()).contains(expiration);
    }

    @Test
    void anAnswerWithoutASessionTokenIsAnSdkClientExceptionNotANullPointerException() {
        cognito = FakeCognito.http();
        cognito.always(FakeCognito.json(200, "{\"IdentityId\":\"" + IDENTITY_ID + "\",\"Credentials\":{"
                + "\"AccessKeyId\":\"ASIAFAKE\",\"SecretKey\":\"" + SECRET_KEY_PREFIX + "x\",\"Expiration\":"
                + Instant.now().plus(Duration.ofHours(1)).getEpochSecond() + "}}"));

        Throwable thrown = catchThrowable(() -> provider().build().resolveCredentials());

        assertThat(thrown).isInstanceOf(SdkClientException.class).hasMessageContaining("holds no credentials")
                .hasMessageContaining(IDENTITY_ID);
        assertNoSecrets(thrown);
    }

    @Test
    void aGarbledAnswerFailsWithoutQuotingTheSecretsInIt() {
        cognito = FakeCognito.http();
        cognito.always(FakeCognito.json(200, "{\"IdentityId\":\"" + IDENTITY_ID + "\",\"Credentials\":{"
                + "\"AccessKeyId\":\"ASIAFAKE\",\"SecretKey\":\"" + SECRET_KEY_PREFIX + "x\",\"SessionToken\":\""
                + SESSION_TOKEN_PREFIX + "x\",\"Expiration\":")); // cut off

        Throwable thrown = catchThrowable(() -> provider().build().resolveCredentials());

        assertThat(thrown).isInstanceOf(SdkClientException.class);
        assertNoSecrets(thrown);
    }

    // ==== caching =====================================================================================

    @Test
    void credentialsAreCachedUntilTheRefreshMarginBeforeTheyExpire() {
        cognito = FakeCognito.http();
        MutableClock clock = new MutableClock(Instant.parse("2030-06-01T12:00:00Z"));
        cognito.expiration(clock.instant().plus(Duration.ofHours(1)));
        CognitoCredentialsProvider provider = provider().clock(clock).refreshMargin(Duration.ofMinutes(5)).build();

        AwsCredentials first = provider.resolveCredentials();
        assertThat(provider.resolveCredentials()).isSameAs(first);
        clock.advance(Duration.ofMinutes(54).plusSeconds(59)); // 5 min 1 s before expiry: still good
        assertThat(provider.resolveCredentials()).isSameAs(first);
        assertThat(cognito.requests()).hasSize(1);

        cognito.expiration(clock.instant().plus(Duration.ofHours(1)));
        clock.advance(Duration.ofSeconds(1)); // exactly expiry - margin: time to refresh
        AwsCredentials second = provider.resolveCredentials();

        assertThat(cognito.requests()).hasSize(2);
        assertThat(second.accessKeyId()).isEqualTo("ASIAFAKE2").isNotEqualTo(first.accessKeyId());
        assertThat(provider.resolveCredentials()).isSameAs(second);
        assertThat(cognito.requests()).hasSize(2);
    }

    @Test
    void aZeroRefreshMarginKeepsCredentialsUntilTheirExpiry() {
        cognito = FakeCognito.http();
        MutableClock clock = new MutableClock(Instant.parse("2030-06-01T12:00:00Z"));
        cognito.expiration(clock.instant().plus(Duration.ofHours(1)));
        CognitoCredentialsProvider provider = provider().clock(clock).refreshMargin(Duration.ZERO).build();

        AwsCredentials first = provider.resolveCredentials();
        clock.advance(Duration.ofMinutes(59).plusSeconds(59));
        assertThat(provider.resolveCredentials()).isSameAs(first);
        clock.advance(Duration.ofSeconds(1));
        assertThat(provider.resolveCredentials()).isNotSameAs(first);
        assertThat(cognito.requests()).hasSize(2);
    }

    @Test
    void concurrentResolvesMakeOneRequest() throws Exception {
        cognito = FakeCognito.http();
        CognitoCredentialsProvider provider = provider().build();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<AwsCredentials>> calls = Collections.nCopies(4, () -> {
                start.await();
                return provider.resolveCredentials();
            });
            List<Future<AwsCredentials>> results = new ArrayList<>();
            calls.forEach(call -> results.add(threads.submit(call)));
            start.countDown();
            Set<AwsCredentials> distinct = Collections.newSetFromMap(new IdentityHashMap<>());
            for (Future<AwsCredentials> result : results) {
                distinct.add(result.get(30, TimeUnit.SECONDS));
            }
            assertThat(distinct).hasSize(1);
            assertThat(cognito.requests()).hasSize(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailedRefreshFallsBackToTheCachedCredentialsUntilTheyExpire() {
        cognito = FakeCognito.http();
        MutableClock clock = new MutableClock(Instant.parse("2030-06-01T12:00:00Z"));
        cognito.expiration(clock.instant().plus(Duration.ofHours(1)));
        CognitoCredentialsProvider provider = provider().clock(clock).build();
        AwsCredentials cached = provider.resolveCredentials();

        cognito.always(FakeCognito.serverError());
        clock.advance(Duration.ofMinutes(58)); // inside the refresh margin, not yet expired
        assertThat(provider.resolveCredentials()).isSameAs(cached);
        int afterFallback = cognito.requests().size();
        assertThat(afterFallback).as("a refresh was tried (and retried)").isGreaterThan(2);

        clock.advance(Duration.ofMinutes(2)); // expired now: nothing to fall back on
        Throwable thrown = catchThrowable(provider::resolveCredentials);

        assertThat(thrown).isInstanceOf(SdkException.class).isInstanceOf(InternalErrorException.class);
        assertThat(cognito.requests().size()).isGreaterThan(afterFallback);
        assertNoSecrets(thrown);
    }

    // ==== errors ======================================================================================

    @ParameterizedTest
    @ValueSource(strings = {"ResourceNotFoundException", "InvalidParameterException"})
    void anUnknownIdentitySaysAnIdentityIdIsNeededNotAnIdentityPoolId(String errorType) {
        cognito = FakeCognito.http();
        cognito.always(FakeCognito.error(400, errorType, "Identity '" + IDENTITY_ID + "' not found."));

        Throwable thrown = catchThrowable(() -> provider().login(USER_POOL, LOGIN_TOKEN).build().resolveCredentials());

        assertThat(thrown).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("Cognito does not know the identity " + IDENTITY_ID)
                .hasMessageContaining("Identity '" + IDENTITY_ID + "' not found.")
                .hasMessageContaining("not the identity pool ID");
        assertThat(thrown.getCause().getClass().getSimpleName()).isEqualTo(errorType);
        assertThat(cognito.requests()).as("a client error is not retried").hasSize(1);
        assertNoSecrets(thrown);
    }

    @Test
    void notAuthorizedSaysToCheckTheLoginsWithoutRevealingTheToken() {
        cognito = FakeCognito.http();
        cognito.always(FakeCognito.error(400, "NotAuthorizedException", "Invalid login token. Token expired."));

        Throwable thrown = catchThrowable(() -> provider().login(USER_POOL, LOGIN_TOKEN).build().resolveCredentials());

        assertThat(thrown).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("Cognito refused credentials for the identity " + IDENTITY_ID)
                .hasMessageContaining("Invalid login token. Token expired.")
                .hasMessageContaining("check the logins")
                .hasCauseInstanceOf(NotAuthorizedException.class);
        assertThat(cognito.requests()).hasSize(1);
        assertNoSecrets(thrown);
    }

    @Test
    void aServerErrorIsRetriedByTheSdk() {
        cognito = FakeCognito.http();
        cognito.then(FakeCognito.serverError());

        AwsCredentials credentials = provider().build().resolveCredentials();

        assertThat(cognito.requests()).hasSize(2);
        assertThat(credentials.accessKeyId()).isEqualTo("ASIAFAKE1"); // the first credentials the fake issued
    }

    // ==== region ======================================================================================

    @Test
    void theRegionComesFromTheIdentityIdUnlessSet() {
        assertThat(CognitoCredentialsProvider.builder("eu-west-2:0d2b4c59").build().region()).isEqualTo("eu-west-2");
        assertThat(CognitoCredentialsProvider.builder("us-gov-west-1:0d2b4c59").build().region())
                .isEqualTo("us-gov-west-1");
        assertThat(CognitoCredentialsProvider.builder("eu-west-2:0d2b4c59").region("eu-central-1").build().region())
                .isEqualTo("eu-central-1");
        assertThat(CognitoCredentialsProvider.builder("no-region-here").region("ap-south-1").build().region())
                .isEqualTo("ap-south-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"4f6a1c3e-0d2b-4c59-9b7e-1a2b3c4d5e6f", "pool:4f6a1c3e", "US-EAST-1:4f6a1c3e",
            ":4f6a1c3e"})
    void anIdentityIdWithoutARegionNeedsRegion(String identityId) {
        assertThatThrownBy(() -> CognitoCredentialsProvider.builder(identityId).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(identityId)
                .hasMessageContaining("region(...)");
    }

    @Test
    void withoutAnEndpointOverrideTheRequestGoesToCognitoInTheIdentitysRegion() {
        // The proxy shows where the request would go, without DNS or traffic beyond loopback.
        HttpConnectProxy proxy = proxy(HttpConnectProxy.builder());
        proxy.refuseWith(403);
        CognitoCredentialsProvider provider = CognitoCredentialsProvider.builder("eu-west-2:4f6a1c3e")
                .httpProxyOptions(via(proxy).build()).build();

        Throwable thrown = catchThrowable(provider::resolveCredentials);

        assertThat(thrown).isInstanceOf(SdkClientException.class).hasMessageContaining("403");
        assertThat(proxy.targets()).isNotEmpty().containsOnly("cognito-identity.eu-west-2.amazonaws.com:443");
    }

    @Test
    void toStringNamesTheLoginProvidersButNotTheirTokens() {
        String text = CognitoCredentialsProvider.builder(IDENTITY_ID).login(USER_POOL, LOGIN_TOKEN)
                .customRoleArn(ROLE_ARN)
                .httpProxyOptions(HttpProxyOptions.builder("proxy.example", 3128)
                        .basicAuth(PROXY_USER, PROXY_PASSWORD).build())
                .build().toString();

        assertThat(text).contains(IDENTITY_ID, "us-east-1", USER_POOL, ROLE_ARN, "proxy.example:3128")
                .doesNotContain(LOGIN_TOKEN).doesNotContain(PROXY_PASSWORD);
    }

    // ==== proxy =======================================================================================

    @Test
    void throughAnHttpProxyWithBasicAuth() {
        cognito = FakeCognito.http();
        HttpConnectProxy proxy = proxy(HttpConnectProxy.builder().basicAuth(PROXY_USER, PROXY_PASSWORD));

        AwsCredentials credentials = provider().login(USER_POOL, LOGIN_TOKEN)
                .httpProxyOptions(via(proxy).basicAuth(PROXY_USER, PROXY_PASSWORD).build()).build()
                .resolveCredentials();

        assertThat(credentials.accessKeyId()).isEqualTo("ASIAFAKE1");
        assertThat(proxy.requests()).hasSize(1);
        HttpConnectProxy.ConnectRequest connect = proxy.requests().get(0);
        assertThat(connect.target).isEqualTo("127.0.0.1:" + cognito.port());
        assertThat(connect.hadCredentials).isTrue();
        assertThat(connect.authorized).isTrue();
        assertThat(cognito.requests().get(0).logins()).containsEntry(USER_POOL, LOGIN_TOKEN);
    }

    @Test
    void withDefaultHttpProxyRoutesAProviderThatHasNoProxyOfItsOwn() {
        cognito = FakeCognito.http();
        HttpConnectProxy proxy = proxy(HttpConnectProxy.builder().basicAuth(PROXY_USER, PROXY_PASSWORD));
        CognitoCredentialsProvider direct = provider().login(USER_POOL, LOGIN_TOKEN).customRoleArn(ROLE_ARN).build();

        CognitoCredentialsProvider proxied =
                direct.withDefaultHttpProxy(via(proxy).basicAuth(PROXY_USER, PROXY_PASSWORD).build());
        proxied.resolveCredentials();

        assertThat(proxied).isNotSameAs(direct);
        assertThat(proxy.targets()).containsExactly("127.0.0.1:" + cognito.port());
        assertThat(proxy.requests().get(0).authorized).isTrue();
        // The copy keeps everything else.
        FakeCognito.Request request = cognito.requests().get(0);
        assertThat(request.logins()).containsExactly(Map.entry(USER_POOL, LOGIN_TOKEN));
        assertThat(request.customRoleArn()).isEqualTo(ROLE_ARN);
        assertThat(proxied.identityId()).isEqualTo(direct.identityId());
        assertThat(proxied.region()).isEqualTo(direct.region());

        direct.resolveCredentials(); // the original is unchanged: no proxy
        assertThat(cognito.requests()).hasSize(2);
        assertThat(proxy.requests()).hasSize(1);
        assertThat(direct.withDefaultHttpProxy(null)).isSameAs(direct);
    }

    @Test
    void aProviderWithItsOwnProxyKeepsIt() {
        cognito = FakeCognito.http();
        HttpConnectProxy own = proxy(HttpConnectProxy.builder());
        HttpConnectProxy connections = proxy(HttpConnectProxy.builder());
        CognitoCredentialsProvider provider = provider().httpProxyOptions(via(own).build()).build();

        CognitoCredentialsProvider routed = provider.withDefaultHttpProxy(via(connections).build());
        routed.resolveCredentials();

        assertThat(routed).isSameAs(provider);
        assertThat(own.targets()).containsExactly("127.0.0.1:" + cognito.port());
        assertThat(connections.requests()).isEmpty();
    }

    @Test
    void aProxyThatRefusesTheTunnelIsNamedInTheFailure() {
        cognito = FakeCognito.http();
        HttpConnectProxy proxy = proxy(HttpConnectProxy.builder().basicAuth(PROXY_USER, PROXY_PASSWORD));
        proxy.refuseWith(407);

        Throwable thrown = catchThrowable(() -> provider().login(USER_POOL, LOGIN_TOKEN)
                .httpProxyOptions(via(proxy).basicAuth(PROXY_USER, PROXY_PASSWORD).build()).build()
                .resolveCredentials());

        assertThat(thrown).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("the HTTP proxy 127.0.0.1:" + proxy.port())
                .hasMessageContaining("127.0.0.1:" + cognito.port())
                .hasMessageContaining("407 Proxy Authentication Required");
        assertThat(cognito.requests()).isEmpty();
        assertNoSecrets(thrown);
    }

    // ==== TLS =========================================================================================

    @Test
    void httpsToCognitoTrustsTheConfiguredCertificates() {
        cognito = FakeCognito.https(cognitoPki);

        AwsCredentials credentials = provider()
                .tlsOptions(TlsOptions.builder().trustCertificates(cognitoPki.caFile()).build()).build()
                .resolveCredentials();

        assertThat(cognito.endpoint().getScheme()).isEqualTo("https");
        assertThat(credentials.accessKeyId()).isEqualTo("ASIAFAKE1");
        assertThat(cognito.requests()).hasSize(1);
    }

    @Test
    void httpsToCognitoWithAnUntrustedCertificateFailsSayingSo() {
        cognito = FakeCognito.https(cognitoPki);

        Throwable thrown = catchThrowable(() -> provider().build().resolveCredentials()); // the system's trust

        assertThat(thrown).isInstanceOf(SdkClientException.class)
                .hasMessageContaining("the certificate of 127.0.0.1:" + cognito.port() + " is not trusted");
        assertThat(cognito.requests()).isEmpty();
    }

    @Test
    void httpsToCognitoThroughATlsProxyWithBasicAuth() {
        cognito = FakeCognito.https(cognitoPki);
        HttpConnectProxy proxy = proxy(HttpConnectProxy.builder().basicAuth(PROXY_USER, PROXY_PASSWORD)
                .tls(proxyPki));

        AwsCredentials credentials = provider()
                .tlsOptions(TlsOptions.builder().trustCertificates(cognitoPki.caFile()).build())
                .httpProxyOptions(via(proxy).basicAuth(PROXY_USER, PROXY_PASSWORD)
                        .tls(TlsOptions.builder().trustCertificates(proxyPki.caFile()).build()).build())
                .build().resolveCredentials();

        assertThat(credentials.accessKeyId()).isEqualTo("ASIAFAKE1");
        assertThat(proxy.requests()).hasSize(1);
        assertThat(proxy.requests().get(0).target).isEqualTo("127.0.0.1:" + cognito.port());
        assertThat(proxy.requests().get(0).authorized).isTrue();
    }

    // ==== timeout =====================================================================================

    @Test
    void aCognitoThatNeverAnswersFailsWithinABoundedTime() throws Exception {
        try (SilentServer silent = new SilentServer()) {
            CognitoCredentialsProvider provider = CognitoCredentialsProvider.builder(IDENTITY_ID)
                    .endpointOverride(URI.create("http://127.0.0.1:" + silent.port()))
                    .login(USER_POOL, LOGIN_TOKEN)
                    .timeout(Duration.ofMillis(500))
                    .build();

            long start = System.nanoTime();
            Throwable thrown = catchThrowable(provider::resolveCredentials);
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            assertThat(thrown).isInstanceOf(SdkClientException.class)
                    .hasMessageContaining("no answer from 127.0.0.1:" + silent.port());
            assertThat(took).isLessThan(Duration.ofSeconds(10));
            assertThat(silent.accepted()).isPositive();
            assertNoSecrets(thrown);
        }
    }

    // ==== helpers =====================================================================================

    /** No login token, proxy password or credential the fake handed out in any message of the chain. */
    private static void assertNoSecrets(Throwable thrown) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Throwable> todo = new ArrayList<>(List.of(thrown));
        while (!todo.isEmpty()) {
            Throwable t = todo.remove(todo.size() - 1);
            if (t == null || !seen.add(t)) {
                continue;
            }
            assertThat(String.valueOf(t.getMessage()) + " " + t)
                    .as("message of %s", t.getClass().getName())
                    .doesNotContain(LOGIN_TOKEN)
                    .doesNotContain(PROXY_PASSWORD)
                    .doesNotContain(SECRET_KEY_PREFIX)
                    .doesNotContain(SESSION_TOKEN_PREFIX);
            todo.add(t.getCause());
            todo.addAll(List.of(t.getSuppressed()));
        }
    }

    /** A clock the test moves. */
    private static final class MutableClock extends Clock {
        private volatile Instant now;

        MutableClock(Instant start) {
            now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    /** Accepts TCP connections on loopback and never says a word. */
    private static final class SilentServer implements AutoCloseable {
        private final ServerSocket socket;
        private final List<Socket> connections = new CopyOnWriteArrayList<>();
        private final Thread acceptor;

        SilentServer() throws IOException {
            socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            acceptor = new Thread(() -> {
                while (!socket.isClosed()) {
                    try {
                        connections.add(socket.accept());
                    } catch (IOException e) {
                        return; // closed
                    }
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return connections.size();
        }

        @Override
        public void close() throws Exception {
            socket.close();
            for (Socket connection : connections) {
                connection.close();
            }
            acceptor.join(5_000);
        }
    }

    /**
     * Cognito's GetCredentialsForIdentity in awsJson1.1 on the JDK's HTTP server (plain or TLS), on a free
     * loopback port. It records every request, answers from a script (then a default: fresh credentials
     * numbered 1, 2, …), and notes every request that is not a well-formed, unsigned
     * GetCredentialsForIdentity as a violation (answered with a 400).
     */
    static final class FakeCognito implements AutoCloseable {

        private static final String TARGET = "AWSCognitoIdentityService.GetCredentialsForIdentity";
        private static final String JSON = "application/x-amz-json-1.1";
        private static final Pattern IDENTITY_ID = Pattern.compile("\"IdentityId\"\\s*:\\s*\"([^\"]*)\"");
        private static final Pattern CUSTOM_ROLE_ARN = Pattern.compile("\"CustomRoleArn\"\\s*:\\s*\"([^\"]*)\"");
        private static final Pattern LOGINS = Pattern.compile("\"Logins\"\\s*:\\s*\\{([^}]*)}");
        private static final Pattern PAIR = Pattern.compile("\"([^\"]*)\"\\s*:\\s*\"([^\"]*)\"");

        /** A request as the fake saw it; header names in lower case. */
        static final class Request {
            final String method;
            final String path;
            final Map<String, List<String>> headers;
            final String body;

            Request(String method, String path, Map<String, List<String>> headers, String body) {
                this.method = method;
                this.path = path;
                this.headers = headers;
                this.body = body;
            }

            String header(String name) {
                List<String> values = headers.get(name);
                return values == null || values.isEmpty() ? null : values.get(0);
            }

            String identityId() {
                return group(IDENTITY_ID, body);
            }

            String customRoleArn() {
                return group(CUSTOM_ROLE_ARN, body);
            }

            Map<String, String> logins() {
                Map<String, String> logins = new LinkedHashMap<>();
                String inner = group(LOGINS, body);
                if (inner != null) {
                    Matcher pair = PAIR.matcher(inner);
                    while (pair.find()) {
                        logins.put(pair.group(1), pair.group(2));
                    }
                }
                return logins;
            }

            private static String group(Pattern pattern, String text) {
                Matcher m = pattern.matcher(text);
                return m.find() ? m.group(1) : null;
            }
        }

        /** How the fake answers one request. */
        interface Answer {
            void write(FakeCognito cognito, HttpExchange exchange, Request request) throws IOException;
        }

        private final HttpServer server;
        private final boolean https;
        private final List<Request> requests = new CopyOnWriteArrayList<>();
        private final List<String> violations = new CopyOnWriteArrayList<>();
        private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
        private final AtomicInteger issued = new AtomicInteger();
        private volatile Answer otherwise = FakeCognito::credentials;
        private volatile Instant expiration = Instant.now().plus(Duration.ofHours(1));

        private FakeCognito(HttpServer server, boolean https) {
            this.server = server;
            this.https = https;
            server.createContext("/", this::handle);
            server.start();
        }

        static FakeCognito http() {
            try {
                return new FakeCognito(HttpServer.create(
                        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0), false);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        /** Over TLS, with a certificate for localhost and 127.0.0.1 issued by {@code pki}. */
        static FakeCognito https(TestPki pki) {
            try {
                TestPki.Identity identity = pki.server("localhost", "127.0.0.1");
                char[] password = "changeit".toCharArray();
                KeyStore keys = KeyStore.getInstance("PKCS12");
                keys.load(null, null);
                keys.setKeyEntry("cognito", identity.privateKey, password,
                        new X509Certificate[] {identity.certificate, pki.caCertificate()});
                KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                managers.init(keys, password);
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(managers.getKeyManagers(), null, null);
                HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
                server.setHttpsConfigurator(new HttpsConfigurator(context));
                return new FakeCognito(server, true);
            } catch (IOException | java.security.GeneralSecurityException e) {
                throw new IllegalStateException("could not start the fake Cognito over TLS", e);
            }
        }

        int port() {
            return server.getAddress().getPort();
        }

        URI endpoint() {
            return URI.create((https ? "https" : "http") + "://127.0.0.1:" + port());
        }

        List<Request> requests() {
            return List.copyOf(requests);
        }

        List<String> violations() {
            return List.copyOf(violations);
        }

        /** The expiration of the credentials handed out from now on. */
        void expiration(Instant expiration) {
            this.expiration = expiration;
        }

        /** Answer the next requests with these, in order, then go on as before. */
        void then(Answer... answers) {
            script.addAll(List.of(answers));
        }

        /** Answer every request after the scripted ones with this. */
        void always(Answer answer) {
            otherwise = answer;
        }

        /** Cognito's answer to a modelled error: the status, {@code x-amzn-ErrorType} and the JSON body. */
        static Answer error(int status, String type, String message) {
            return (cognito, exchange, request) -> {
                exchange.getResponseHeaders().set("x-amzn-ErrorType", type);
                send(exchange, status, "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
            };
        }

        static Answer serverError() {
            return error(500, "InternalErrorException", "An internal error occurred.");
        }

        static Answer json(int status, String body) {
            return (cognito, exchange, request) -> send(exchange, status, body);
        }

        /** Fresh credentials, numbered: ASIAFAKE1 with SECRET-KEY-1 and SESSION-TOKEN-1, then 2, … */
        private static void credentials(FakeCognito cognito, HttpExchange exchange, Request request)
                throws IOException {
            int n = cognito.issued.incrementAndGet();
            send(exchange, 200, "{\"IdentityId\":\"" + request.identityId() + "\",\"Credentials\":{"
                    + "\"AccessKeyId\":\"ASIAFAKE" + n + "\","
                    + "\"SecretKey\":\"" + SECRET_KEY_PREFIX + n + "\","
                    + "\"SessionToken\":\"" + SESSION_TOKEN_PREFIX + n + "\","
                    + "\"Expiration\":" + cognito.expiration.getEpochSecond() + "}}");
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                Map<String, List<String>> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((name, values) ->
                        headers.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).addAll(values));
                String body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(),
                        Collections.unmodifiableMap(headers), body);
                requests.add(request);
                String problem = problem(request);
                if (problem != null) {
                    violations.add(problem);
                    error(400, "SerializationException", problem).write(this, exchange, request);
                    return;
                }
                Answer answer = script.poll();
                (answer != null ? answer : otherwise).write(this, exchange, request);
            }
        }

        private static String problem(Request request) {
            if (!"POST".equals(request.method) || !"/".equals(request.path)) {
                return "expected POST /, got " + request.method + " " + request.path;
            }
            if (!JSON.equals(request.header("content-type"))) {
                return "content type " + request.header("content-type");
            }
            if (!TARGET.equals(request.header("x-amz-target"))) {
                return "target " + request.header("x-amz-target");
            }
            if (request.header("authorization") != null) {
                return "the request is signed";
            }
            if (request.identityId() == null) {
                return "no IdentityId in " + request.body;
            }
            return null;
        }

        private static void send(HttpExchange exchange, int status, String body) throws IOException {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", JSON);
            exchange.getResponseHeaders().set("x-amzn-RequestId", java.util.UUID.randomUUID().toString());
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}

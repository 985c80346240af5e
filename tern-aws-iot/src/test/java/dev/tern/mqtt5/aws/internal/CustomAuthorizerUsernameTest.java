package dev.tern.mqtt5.aws.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The CONNECT user names custom authentication reads, byte for byte. */
class CustomAuthorizerUsernameTest {

    @Test
    void unsignedAuthorizerFollowsTheUsername() {
        assertThat(CustomAuthorizerUsername.compose("alice", "MyAuthorizer", null, null, null))
                .isEqualTo("alice?x-amz-customauthorizer-name=MyAuthorizer");
    }

    @Test
    void signedAuthorizerAddsTheTokenThenTheEncodedSignature() {
        assertThat(CustomAuthorizerUsername.compose("alice", "MyAuthorizer", "tokenKey", "tokenValue", "ab+c/d=="))
                .isEqualTo("alice?x-amz-customauthorizer-name=MyAuthorizer&tokenKey=tokenValue"
                        + "&x-amz-customauthorizer-signature=ab%2Bc%2Fd%3D%3D");
    }

    @Test
    void anAlreadyEncodedSignatureIsKeptAsGiven() {
        assertThat(CustomAuthorizerUsername.compose("alice", "A", "k", "v", "ab%2Bc%3D"))
                .endsWith("&x-amz-customauthorizer-signature=ab%2Bc%3D");
    }

    @Test
    void theUsersOwnQueryParametersComeFirstInOrder() {
        assertThat(CustomAuthorizerUsername.compose("alice?b=2&a=1", "MyAuthorizer", null, null, null))
                .isEqualTo("alice?b=2&a=1&x-amz-customauthorizer-name=MyAuthorizer");
    }

    @Test
    void noUsernameStartsWithTheQuery() {
        assertThat(CustomAuthorizerUsername.compose(null, "MyAuthorizer", null, null, null))
                .isEqualTo("?x-amz-customauthorizer-name=MyAuthorizer");
        assertThat(CustomAuthorizerUsername.compose("", "MyAuthorizer", "k", "v", "sig"))
                .isEqualTo("?x-amz-customauthorizer-name=MyAuthorizer&k=v&x-amz-customauthorizer-signature=sig");
    }

    @Test
    void theDefaultAuthorizerAddsNoName() {
        assertThat(CustomAuthorizerUsername.compose("alice", null, null, null, null)).isEqualTo("alice");
        assertThat(CustomAuthorizerUsername.compose("alice", null, "k", "v", "s"))
                .isEqualTo("alice?k=v&x-amz-customauthorizer-signature=s");
    }

    @Test
    void moreThanOneQuestionMarkIsRefused() {
        assertThatThrownBy(() -> CustomAuthorizerUsername.compose("a?b=1?c=2", "A", null, null, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most one '?'");
    }

    @Test
    void aUsernameThatAlreadyNamesTheAuthorizerIsRefused() {
        assertThatThrownBy(() -> CustomAuthorizerUsername.compose("a?x-amz-customauthorizer-name=B", "A", null, null,
                null)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("x-amz-customauthorizer-name");
    }

    @Test
    void metricsFollowTheLastQueryOrStartOne() {
        assertThat(CustomAuthorizerUsername.withMetrics("alice?x-amz-customauthorizer-name=A", "Tern", "1.2.3"))
                .isEqualTo("alice?x-amz-customauthorizer-name=A&SDK=Tern&Version=1.2.3");
        assertThat(CustomAuthorizerUsername.withMetrics("alice", "Tern", "1.2.3"))
                .isEqualTo("alice?SDK=Tern&Version=1.2.3");
        assertThat(CustomAuthorizerUsername.withMetrics(null, "Tern", "1.2.3")).isEqualTo("?SDK=Tern&Version=1.2.3");
    }
}

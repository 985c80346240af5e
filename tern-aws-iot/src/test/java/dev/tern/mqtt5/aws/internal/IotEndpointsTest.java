package dev.tern.mqtt5.aws.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class IotEndpointsTest {

    @Test
    void theRegionIsTheLabelAfterIot() {
        assertThat(IotEndpoints.regionOf("abc123-ats.iot.us-east-1.amazonaws.com")).isEqualTo("us-east-1");
        assertThat(IotEndpoints.regionOf("abc123-ats.iot.eu-central-1.amazonaws.com")).isEqualTo("eu-central-1");
        assertThat(IotEndpoints.regionOf("abc123.iot.cn-north-1.amazonaws.com.cn")).isEqualTo("cn-north-1");
        assertThat(IotEndpoints.regionOf("abc123-ats.iot.us-gov-west-1.amazonaws.com")).isEqualTo("us-gov-west-1");
        assertThat(IotEndpoints.regionOf("ABC123-ATS.IOT.AP-SOUTHEAST-2.AMAZONAWS.COM")).isEqualTo("ap-southeast-2");
    }

    @Test
    void otherNamesHaveNoRegion() {
        assertThat(IotEndpoints.regionOf("localhost")).isNull();
        assertThat(IotEndpoints.regionOf("mqtt.example.com")).isNull();
        assertThat(IotEndpoints.regionOf("iot.amazonaws.com")).isNull();
        assertThat(IotEndpoints.regionOf("abc.iot.not-a-region.amazonaws.com")).isNull();
    }
}

package io.vigil.health;

import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.DirectClient;
import io.helidon.webserver.testing.junit5.RoutingTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

@RoutingTest
class ChecksApiTest extends ChecksApiCases {
    ChecksApiTest(DirectClient client) {
        super(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        ChecksApiCases.routing(routing);
    }
}

package io.vigil.health;

import io.helidon.webclient.http1.Http1Client;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;

@ServerTest
class ChecksApiIT extends ChecksApiCases {
    ChecksApiIT(Http1Client client) {
        super(client);
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        ChecksApiCases.routing(routing);
    }
}

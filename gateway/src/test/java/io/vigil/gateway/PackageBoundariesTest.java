package io.vigil.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The gateway's packages and what each may import, checked on the compiled classes with ArchUnit: the wire protocol
 * knows nothing of the web server or the platform, endpoints know nothing of proxying, configuration nothing of what
 * it configures, and no two packages depend on each other in a circle.
 */
class PackageBoundariesTest {
    private static final String ROOT = "io.vigil.gateway";
    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void theWireProtocolImportsNothingFromTheWebServerOrThePlatform() {
        check(noClasses().that().resideInAPackage(ROOT + ".http1..")
                      .should().dependOnClassesThat().resideInAnyPackage("io.helidon.webserver..", "io.helidon.webclient..",
                                                                          "io.helidon.faulttolerance..", "io.vigil.common..")
                      .orShould().dependOnClassesThat().resideInAnyPackage(ROOT, ROOT + ".api..", ROOT + ".auth..",
                                                                            ROOT + ".config..", ROOT + ".endpoint..",
                                                                            ROOT + ".health..", ROOT + ".proxy.."));
    }

    @Test
    void endpointsKnowNothingOfRequestsOrRoutes() {
        check(noClasses().that().resideInAPackage(ROOT + ".endpoint..")
                      .should().dependOnClassesThat().resideInAnyPackage("io.helidon.webserver..", ROOT, ROOT + ".api..",
                                                                          ROOT + ".auth..", ROOT + ".health..",
                                                                          ROOT + ".proxy.."));
    }

    @Test
    void resilienceKnowsNothingOfTheProxyItGuards() {
        check(noClasses().that().resideInAPackage(ROOT + ".proxy.resilience..")
                      .should().dependOnClassesThat().resideInAnyPackage("io.helidon.webserver..", ROOT + ".endpoint..",
                                                                          ROOT + ".http1..")
                      .orShould().dependOnClassesThat().resideInAPackage(ROOT + ".proxy"));
    }

    @Test
    void configurationAndAuthenticationStandAlone() {
        check(noClasses().that().resideInAnyPackage(ROOT + ".config..", ROOT + ".auth..")
                      .should().dependOnClassesThat().resideInAnyPackage(ROOT, ROOT + ".api..", ROOT + ".endpoint..",
                                                                          ROOT + ".health..", ROOT + ".http1..",
                                                                          ROOT + ".proxy.."));
        check(noClasses().that().resideInAPackage(ROOT + ".config..")
                      .should().dependOnClassesThat().resideInAPackage(ROOT + ".auth.."));
    }

    @Test
    void nothingImportsTheWiringAndThePackagesFormNoCycle() {
        check(noClasses().that().resideOutsideOfPackage(ROOT).and().resideInAPackage(ROOT + "..")
                      .should().dependOnClassesThat().resideInAPackage(ROOT));
        check(slices().matching(ROOT + ".(*)..").should().beFreeOfCycles());
    }

    private static void check(ArchRule rule) {
        rule.check(GATEWAY);
    }
}

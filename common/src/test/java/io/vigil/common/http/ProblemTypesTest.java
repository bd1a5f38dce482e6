package io.vigil.common.http;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;

class ProblemTypesTest {
    @Test
    void everyTypeIsAVigilProblemUrnOfItsOwn() throws IllegalAccessException {
        List<String> types = new ArrayList<>();
        for (Field field : ProblemTypes.class.getDeclaredFields()) {
            if (Modifier.isPublic(field.getModifiers()) && Modifier.isStatic(field.getModifiers())) {
                types.add((String) field.get(null));
            }
        }
        assertThat(types, hasSize(11));
        assertThat(types, everyItem(matchesPattern("urn:vigil:problem:[a-z]+(-[a-z]+)*")));
        assertThat(new HashSet<>(types).size(), is(types.size()));
    }
}

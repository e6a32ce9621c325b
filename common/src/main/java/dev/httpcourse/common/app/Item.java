package dev.httpcourse.common.app;

import java.util.List;

/** One entry of the data set the json endpoint serves; every number an integer, as in HttpArena. */
public record Item(int id, String name, String category, int price, int quantity, boolean active,
                   List<String> tags, Rating rating) {

    public record Rating(int score, int count) {
    }
}

package dev.httpcourse.bench.load;

import dev.httpcourse.bench.load.generator.Profile;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A load profile by its id ({@code baseline}, {@code limited-conn}...), so that a wrong one is a one-line usage error. */
final class ProfileConverter implements ITypeConverter<Profile> {
    @Override
    public Profile convert(String value) {
        try {
            return Profile.byId(value.strip());
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}

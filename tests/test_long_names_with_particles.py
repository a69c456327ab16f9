"""Particles do not count towards a name's length: "María José de la Cruz Romero" is a name of four
names and two particles, while six capitalised words are still too many for one."""

from shortlist.engine.cv.contact import looks_like_name


def test_a_spanish_name_with_two_particles_is_a_name():
    assert looks_like_name("María José de la Cruz Romero")
    assert looks_like_name("Pieter van der Berg")


def test_six_capitalised_words_are_not_a_name():
    assert not looks_like_name("María José Cruz Romero Sánchez Vidal")

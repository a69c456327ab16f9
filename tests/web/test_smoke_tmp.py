import pytest
from django.urls import reverse
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def test_smoke(client, recruiter):
    client.force_login(recruiter)
    o = one_of_everything(recruiter)
    for name, args in [
        ("web:client_new", []),
        ("web:client_edit", [o["client"].pk]),
        ("web:growth_edit", [o["client"].pk]),
        ("web:role_new", [o["client"].pk]),
        ("web:role_edit", [o["role"].pk]),
        ("web:desk", []),
        ("web:role", [o["role"].pk]),
        ("web:candidate", [o["candidate"].pk]),
        ("web:shortlist", [o["role"].pk]),
    ]:
        r = client.get(reverse(name, args=args))
        assert r.status_code == 200, (name, r.content[:3000])
    r = client.get(
        reverse("web:growth_preview", args=[o["client"].pk]),
        {"horizon_months": 36, "traffic_rps_now": 1000, "traffic_rps_target": 50000},
    )
    assert "Scale pressure" in r.content.decode(), r.content.decode()
    r = client.get(reverse("web:skills_suggest"), {"q": "golang"})
    print(r.json())
    print(client.get(reverse("web:role", args=[o["role"].pk])).content.decode()[-6000:])

from __future__ import annotations

import pytest

from tests.fixtures import empty_cache, files_in_tmp, upr_sample  # noqa: F401 - fixtures of this folder (autouse ones apply here only)


@pytest.fixture
def imported_sample(upr_sample: bytes) -> None:  # noqa: F811 - the fixture, by name
    from recommendations import services

    services.recommendation_import(raw=upr_sample, format="upr-info", actor=None)


# Strings that belong to people in the seeded world; none may appear in any public response.
PERSONAL_STRINGS = (
    "Zebulon", "Quixotic", "zebulon.quixotic@leak-check.example", "Philippa", "Vantablack",
    "philippa.vantablack@leak-check.example", "Ignatius", "Oddbottom", "ignatius.oddbottom@leak-check.example",
)


@pytest.fixture
def public_world(db: None) -> dict[str, object]:
    """One of everything the API publishes, each touched by people with distinctive names and addresses:
    authors, reviewers, presenters, invitees, co-chairs, uploaders, token owners."""
    import datetime as dt

    from django.utils import timezone

    from api import services as api_services
    from meetings.models import Meeting, MeetingDocument
    from participants.models import Organization, User
    from recommendations.models import Action, ProgressUpdate
    from tests.meetings.factories import (
        AgendaItemFactory,
        InvitationFactory,
        MeetingDocumentFactory,
        MeetingFactory,
        PublishedMinutesFactory,
        SubgroupFactory,
    )
    from tests.participants.factories import MembershipFactory, OrganizationFactory, UserFactory
    from tests.recommendations.factories import (
        ActionFactory,
        ProgressUpdateFactory,
        RecommendationFactory,
        RoadMapFactory,
        ThemeFactory,
    )

    ministry = OrganizationFactory(name="Ministry of Justice", kind=Organization.Kind.MINISTRY,
                                   name_ru="Министерство юстиции", name_kk="Әділет министрлігі")
    ngo = OrganizationFactory(name="Human Rights Bureau", kind=Organization.Kind.NGO)
    focal = UserFactory(role=User.Role.FOCAL_POINT, first_name="Zebulon", last_name="Quixotic",
                        email="zebulon.quixotic@leak-check.example")
    MembershipFactory(user=focal, organization=ministry, position="Head of the Ignatius Oddbottom unit")
    secretary = UserFactory(role=User.Role.SECRETARIAT, first_name="Philippa", last_name="Vantablack",
                            email="philippa.vantablack@leak-check.example")
    ngo_person = UserFactory(role=User.Role.NGO, first_name="Ignatius", last_name="Oddbottom",
                             email="ignatius.oddbottom@leak-check.example")
    MembershipFactory(user=ngo_person, organization=ngo)

    theme = ThemeFactory(slug="rights-of-the-child", name="Rights of the Child", name_ru="Права ребёнка",
                         name_kk="Бала құқықтары")
    recommendation = RecommendationFactory(themes=[theme], responsible_agencies=[ministry], source_organization=ngo)
    road_map = RoadMapFactory(number=7, lead_agency=ministry, theme=theme)
    road_map.recommendations.add(recommendation)
    action = ActionFactory(road_map=road_map, number=1, responsible_agencies=[ministry])
    action.partners.add(ngo)
    labour = OrganizationFactory(name="Ministry of Labour", kind=Organization.Kind.MINISTRY)
    ActionFactory(road_map=road_map, number=2, status=Action.Status.DONE, deadline=dt.date(2024, 1, 1),
                  responsible_agencies=[labour])
    approved = ProgressUpdateFactory(action=action, author=focal, state=ProgressUpdate.State.APPROVED,
                                     reviewed_by=secretary, reviewed_at=timezone.now(),
                                     review_note="Approved by Philippa Vantablack", text="Draft law submitted.")
    pending = ProgressUpdateFactory(action=action, author=focal, text="Unreviewed draft by Zebulon")

    subgroup = SubgroupFactory()
    subgroup.members.add(focal, ngo_person)
    subgroup.co_chair_people.add(secretary)
    meeting = MeetingFactory(past=True, status=Meeting.Status.MINUTES_PUBLISHED, subgroup=subgroup,
                             chair="Philippa Vantablack", created_by=secretary)
    draft = MeetingFactory(status=Meeting.Status.DRAFT, title="Secret draft meeting")
    item = AgendaItemFactory(meeting=meeting)
    item.presenter_people.add(ngo_person)
    item.presenter_organizations.add(ngo)
    item.road_maps.add(road_map)
    item.recommendations.add(recommendation)
    AgendaItemFactory(meeting=draft, title="Agenda of a draft")
    InvitationFactory(meeting=meeting, person=ngo_person, organization=ngo)
    minutes = PublishedMinutesFactory(meeting=meeting, updated_by=secretary)
    public_doc = MeetingDocumentFactory(meeting=meeting, agenda_item=item, uploaded_by=secretary)
    private_doc = MeetingDocumentFactory(meeting=meeting, title="Participants-only paper",
                                         visibility=MeetingDocument.Visibility.PARTICIPANTS, uploaded_by=secretary)
    from reports.models import Report, ReportDocument
    from tests.reports.factories import ReportDocumentFactory, ReportFactory, ReportVersionFactory

    report = ReportFactory(author_organization=ngo, created_by=secretary, summary="Alternative report.")
    version = ReportVersionFactory(report=report, created_by=secretary, notes="Submitted text.")
    report_doc = ReportDocumentFactory(version=version, uploaded_by=secretary)
    ReportDocumentFactory(version=version, title="Internal comments", uploaded_by=secretary,
                          visibility=ReportDocument.Visibility.PARTICIPANTS)
    draft_report = ReportFactory(status=Report.Status.DRAFT, title="Unpublished draft report")
    _token, key = api_services.api_token_create(actor=focal, label="Zebulon's script")
    return {
        "ministry": ministry, "ngo": ngo, "focal": focal, "secretary": secretary, "ngo_person": ngo_person,
        "theme": theme, "recommendation": recommendation, "road_map": road_map, "action": action,
        "approved": approved, "pending": pending, "meeting": meeting, "draft": draft, "item": item,
        "minutes": minutes, "public_doc": public_doc, "private_doc": private_doc, "key": key,
        "report": report, "report_doc": report_doc, "draft_report": draft_report,
    }

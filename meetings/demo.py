"""Demo meetings paraphrased from the public facts in DEVELOPERS.md. Running it again adds nothing.

Plenary meetings 40-43 were held in the last four quarters and have published minutes, the 44th is
scheduled for next quarter, and a working subgroup preparing the fourth UPR national report,
co-chaired by the MFA and the Ministry of Justice, has met once and meets again soon. The wording
is ours: no one is quoted.
"""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from meetings import services
from meetings.models import AgendaItem, FollowUpAction, Invitation, Meeting, MeetingDocument, Subgroup
from participants.models import Organization, User
from recommendations.models import Recommendation, RoadMap

MFA = "Ministry of Foreign Affairs of the Republic of Kazakhstan"
MOJ = "Ministry of Justice of the Republic of Kazakhstan"
CHAIR = "Ambassador-at-Large of the Ministry of Foreign Affairs"
VENUE = "Ministry of Foreign Affairs, Astana"
SUBGROUP_NAME = "Working subgroup on the fourth UPR national report"

# (number, quarters from now, topics, agenda, minutes body, decisions, follow-up (owner, text))
PLENARY = [
    (
        40, -4, ["UPR", "National human rights plan"],
        [("Opening remarks by the chair", "CHAIR"), ("Implementation of the 2019 UPR recommendations", MOJ),
         ("Progress of the Interdepartmental Plan 2020-2024", MFA), ("Proposals of civil society", "NGO")],
        "<p>The Platform reviewed how the recommendations of the 2019 UPR cycle are being carried out. Of the 245 "
        "recommendations received, 214 were supported and 31 noted; the road maps group them by theme.</p>"
        "<p>Members discussed the Interdepartmental Plan 2020-2024 and how ministries report progress.</p>",
        "<p>Ministries will report road-map progress on the portal every quarter.</p>",
        (MOJ, "Prepare an overview of the UPR recommendations still open under the road maps"),
    ),
    (
        41, -3, ["Torture prevention", "CAT"],
        [("Opening remarks by the chair", "CHAIR"), ("Follow-up to the recommendations of the Committee against "
          "Torture", "Commissioner for Human Rights in the Republic of Kazakhstan"),
         ("The national preventive mechanism", "NGO")],
        "<p>The meeting discussed the recommendations of the UN Committee against Torture and the work of the "
        "national preventive mechanism, with the Commissioner for Human Rights and NGOs presenting.</p>",
        "<p>The secretariat will circulate a table of CAT recommendations and responsible agencies.</p>",
        ("Commissioner for Human Rights in the Republic of Kazakhstan",
         "Share the findings of preventive visits with the Platform"),
    ),
    (
        42, -2, ["CRPD", "Children's rights"],
        [("Opening remarks by the chair", "CHAIR"), ("Rights of persons with disabilities: CRPD "
          "recommendations", "Ministry of Labour and Social Protection of the Population of the Republic of "
          "Kazakhstan"), ("Children's rights: CRC recommendations", "Commissioner for Children's Rights in the "
          "Republic of Kazakhstan")],
        "<p>Members discussed the recommendations of the CRPD and CRC committees, accessibility of public "
        "services and the protection of children's rights.</p>",
        "<p>Agencies will add the CRPD and CRC recommendations to the relevant road maps.</p>",
        ("Ministry of Labour and Social Protection of the Population of the Republic of Kazakhstan",
         "Propose road-map actions on accessibility of public services"),
    ),
    (
        43, -1, ["Human rights action plan", "UPR"],
        [("Opening remarks by the chair", "CHAIR"), ("The human-rights action plan under the Presidential "
          "Decree of 8 December 2023", MFA), ("Preparation of the fourth UPR national report", MOJ),
         ("Alternative reports of NGOs", "NGO")],
        "<p>The Platform discussed the action plan of more than 40 measures adopted with the Presidential Decree "
        "of 8 December 2023 and agreed how NGOs will contribute to the fourth UPR national report.</p>",
        "<p>A working subgroup co-chaired by the MFA and the Ministry of Justice will prepare the fourth UPR "
        "national report.</p>",
        (MOJ, "Circulate the outline of the fourth UPR national report to members"),
    ),
]

# What the demo agendas discussed in the tracker: (meeting number, agenda item title) -> (road-map numbers,
# the opening words of the recommendations, as recommendations.demo seeds them). Follow-up actions advance
# a road map: meeting number -> road-map number.
AGENDA_LINKS = {
    (40, "Implementation of the 2019 UPR recommendations"): (
        [3, 4, 8], ["Revise the legislation on peaceful", "Criminalise domestic violence",
                    "Continue efforts to combat trafficking"]),
    (40, "Progress of the Interdepartmental Plan 2020-2024"): ([6, 9], ["Continue the reform of the judiciary"]),
    (41, "Follow-up to the recommendations of the Committee against Torture"): (
        [1], ["Ensure that all detainees enjoy", "Ensure prompt, impartial investigation"]),
    (41, "The national preventive mechanism"): (
        [1, 7], ["Establish an effective national preventive", "Strengthen the independence of the national"]),
    (42, "Rights of persons with disabilities: CRPD recommendations"): (
        [5], ["Replace the medical model", "Abolish substituted decision-making", "Ensure inclusive education"]),
    (43, "The human-rights action plan under the Presidential Decree of 8 December 2023"): ([4, 10], []),
    (43, "Preparation of the fourth UPR national report"): (
        [], ["Adopt a comprehensive law on violence", "Ensure that the Commissioner for Human Rights"]),
    (43, "Alternative reports of NGOs"): ([3, 4], ["Ensure that peaceful assemblies require", "Fund crisis centres"]),
    (44, "Road-map progress reported by ministries"): ([1, 4, 5], []),
}
FOLLOW_UP_ROAD_MAPS = {40: 6, 41: 1, 42: 5}

PDF_DEMO = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _quarter_start(offset: int, *, hour: int = 10) -> dt.datetime:
    """10:00 Astana time on the 15th of the middle month of the quarter `offset` quarters from now."""
    today = timezone.localdate()
    index = today.year * 4 + (today.month - 1) // 3 + offset
    year, quarter = divmod(index, 4)
    return dt.datetime(year, quarter * 3 + 2, 15, hour, tzinfo=timezone.get_current_timezone())


def _orgs() -> dict[str, Organization]:
    return {o.name: o for o in Organization.objects.all()}


def _presenters(key: str, orgs: dict[str, Organization], ngo_org: Organization | None) -> list[Organization]:
    if key == "CHAIR":
        return [orgs[MFA]] if MFA in orgs else []
    if key == "NGO":
        return [ngo_org] if ngo_org else []
    return [orgs[key]] if key in orgs else []


def _invite_and_attend(meeting: Meeting, people: list[User], actor: User, *, held: bool) -> None:
    services.invitations_create(actor=actor, meeting=meeting, people=people)
    if held:
        # Answers given before the meeting; it is then marked held and attendance recorded.
        Invitation.objects.filter(meeting=meeting).update(response=Invitation.Response.ACCEPTED,
                                                          attendance_mode=Invitation.AttendanceMode.IN_PERSON)
        services.meeting_transition(actor=actor, meeting=meeting, to=Meeting.Status.HELD)
        services.attendance_record(actor=actor, meeting=meeting, attended_person_ids=[p.pk for p in people])


@transaction.atomic
def seed() -> dict[str, int]:
    actor = User.objects.filter(role=User.Role.SECRETARIAT, is_active=True).order_by("pk").first()
    if actor is None:
        return {"meetings": 0}
    orgs = _orgs()
    people = list(User.objects.filter(email__in=[
        "secretariat@example.org", "focal.justice@example.org", "ngo@example.org", "observer@example.org",
    ]).order_by("pk"))
    ngo_org = Organization.objects.filter(memberships__user__email="ngo@example.org").first()
    created = 0

    subgroup = Subgroup.objects.filter(name=SUBGROUP_NAME).first()
    if subgroup is None:
        subgroup = services.subgroup_save(
            actor=actor, name=SUBGROUP_NAME,
            mandate="Prepares the fourth national report of Kazakhstan under the Universal Periodic Review, "
                    "collecting contributions from ministries, state bodies and NGOs.",
            co_chair_organizations=[orgs[n] for n in (MFA, MOJ) if n in orgs],
            members=people,
        )

    for number, offset, topics, agenda, body, decisions, follow_up in PLENARY:
        if Meeting.objects.filter(number=number, subgroup__isnull=True).exists():
            continue
        start = _quarter_start(offset)
        meeting = services.meeting_create(
            actor=actor, number=number, status=Meeting.Status.SCHEDULED,
            title=f"Meeting No. {number} of the Dialogue Platform on the Human Dimension",
            starts_at=start, ends_at=start + dt.timedelta(hours=3), format=Meeting.Format.HYBRID,
            venue=VENUE, online_link="https://meet.example.org/dialogue-platform", chair=CHAIR, topics=topics,
        )
        for title, presenter in agenda:
            services.agenda_item_create(actor=actor, meeting=meeting, title=title, minutes_allotted=30,
                                        presenter_organizations=_presenters(presenter, orgs, ngo_org))
        _invite_and_attend(meeting, people, actor, held=True)
        services.minutes_save(actor=actor, meeting=meeting, body=body, decisions=decisions, version=1)
        services.minutes_approve(actor=actor, meeting=meeting)
        services.minutes_publish(actor=actor, meeting=meeting)
        owner, text = follow_up
        services.follow_up_action_create(
            actor=actor, meeting=meeting, description=text, owner_organization=orgs.get(owner),
            due_date=(start + dt.timedelta(days=150)).date(),
            status=FollowUpAction.Status.DONE if offset < -2 else FollowUpAction.Status.OPEN,
        )
        services.document_create(
            actor=actor, meeting=meeting, title=f"Agenda of meeting No. {number}",
            file=ContentFile(PDF_DEMO, name=f"agenda-{number}.pdf"), visibility=MeetingDocument.Visibility.PUBLIC,
        )
        created += 1

    if not Meeting.objects.filter(number=44, subgroup__isnull=True).exists():
        start = _quarter_start(1)
        meeting = services.meeting_create(
            actor=actor, number=44, status=Meeting.Status.SCHEDULED,
            title="Meeting No. 44 of the Dialogue Platform on the Human Dimension",
            starts_at=start, ends_at=start + dt.timedelta(hours=3), format=Meeting.Format.HYBRID, venue=VENUE,
            online_link="https://meet.example.org/dialogue-platform-44", chair=CHAIR,
            topics=["UPR", "Road maps"],
        )
        for title, presenter in [("Opening remarks by the chair", "CHAIR"),
                                 ("Road-map progress reported by ministries", MFA),
                                 ("Draft outline of the fourth UPR national report", MOJ)]:
            services.agenda_item_create(actor=actor, meeting=meeting, title=title, minutes_allotted=40,
                                        presenter_organizations=_presenters(presenter, orgs, ngo_org))
        services.invitations_create(actor=actor, meeting=meeting, people=people)
        services.document_create(
            actor=actor, meeting=meeting, title="Draft agenda of meeting No. 44 (for participants)",
            file=ContentFile(PDF_DEMO, name="draft-agenda-44.pdf"),
            visibility=MeetingDocument.Visibility.PARTICIPANTS,
        )
        created += 1

    for offset, held, title in [
        (-1, True, "First meeting of the working subgroup on the fourth UPR report"),
        (0, False, "Second meeting of the working subgroup on the fourth UPR report"),
    ]:
        if Meeting.objects.filter(subgroup=subgroup, title=title).exists():
            continue
        start = _quarter_start(offset, hour=15) + dt.timedelta(days=20 if offset == 0 else 14)
        if not held and start <= timezone.now():
            start = timezone.localtime().replace(hour=15, minute=0, second=0, microsecond=0) + dt.timedelta(days=14)
        meeting = services.meeting_create(
            actor=actor, subgroup=subgroup, status=Meeting.Status.SCHEDULED, title=title, starts_at=start,
            ends_at=start + dt.timedelta(hours=2), format=Meeting.Format.ONLINE,
            online_link="https://meet.example.org/upr-subgroup", chair="Co-chairs: MFA and Ministry of Justice",
            topics=["UPR"],
        )
        services.agenda_item_create(actor=actor, meeting=meeting, title="Contributions to the national report",
                                    minutes_allotted=60, presenter_organizations=[o for o in (orgs.get(MOJ),) if o])
        _invite_and_attend(meeting, people, actor, held=held)
        if held:
            services.minutes_save(
                actor=actor, meeting=meeting, version=1, decisions="",
                body="<p>The subgroup agreed a timetable for collecting contributions from ministries and NGOs "
                     "to the fourth UPR national report.</p>",
            )
            services.minutes_approve(actor=actor, meeting=meeting)
            services.minutes_publish(actor=actor, meeting=meeting)
        created += 1
    _link_to_tracker()
    return {"meetings": created}


def _link_to_tracker() -> None:
    """Agenda items and follow-up actions point at the road maps and recommendations they concern. Links are
    added (never duplicated) on every run, so a demo database seeded before they existed gets them too."""
    road_maps = {r.number: r for r in RoadMap.objects.all()}
    for (number, title), (map_numbers, text_starts) in AGENDA_LINKS.items():
        item = AgendaItem.objects.filter(meeting__number=number, meeting__subgroup__isnull=True, title=title).first()
        if item is None:
            continue
        item.road_maps.add(*[road_maps[n] for n in map_numbers if n in road_maps])
        recommendations = [
            Recommendation.objects.filter(text__startswith=start).order_by("pk").first() for start in text_starts
        ]
        item.recommendations.add(*[r for r in recommendations if r is not None])
    for number, map_number in FOLLOW_UP_ROAD_MAPS.items():
        if map_number in road_maps:
            FollowUpAction.objects.filter(
                meeting__number=number, meeting__subgroup__isnull=True, road_map__isnull=True
            ).update(road_map=road_maps[map_number])

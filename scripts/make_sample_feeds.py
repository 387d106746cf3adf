#!/usr/bin/env python3
"""Writes the sample inputs of the ingest stage: data/sample/feeds/ (good
inputs in every accepted encoding and container) and data/sample/bad/ (one
small input per reject kind).

The articles below were written for this project. Places are real, but the
awards, prizes, outlets, reporters and quotes are invented: they exercise
the pipeline and are not a record of any real evaluation.

The output is reproducible (gzip without a timestamp); the generated files
are committed, so run this only after editing it:

    python3 scripts/make_sample_feeds.py
"""

import gzip
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FEEDS = ROOT / "data" / "sample" / "feeds"
BAD = ROOT / "data" / "sample" / "bad"

# CP949 text as a Windows tool would save it (CRLF line ends).
GIMHAE = """\
김해시, 2022년 지역복지사업 평가 '최우수기관' 선정
입력 2022.12.08 14:20 | 수정 2022.12.08 15:02
[남도타임즈=박서윤 기자] 경상남도 김해시가 보건복지부 주관 '2022년 지역복지사업 평가'에서 지역사회보장계획 시행결과 분야 최우수기관으로 선정돼 포상금 2천만원을 받는다.
지역복지사업 평가는 보건복지부가 해마다 전국 시·도와 시·군·구의 지역사회보장계획 이행, 복지 사각지대 발굴, 민관협력 실적 등을 살펴 잘한 지자체를 가리는 제도다.
김해시는 읍·면·동 맞춤형 복지팀을 중심으로 위기가구 발굴 체계를 촘촘히 다지고, 지역사회보장협의체와 함께 주민이 직접 기획하는 복지사업을 꾸준히 늘려 온 점에서 좋은 점수를 받았다.
시 관계자는 "현장에서 애써 준 공무원과 협의체 위원들 덕분"이라며 "포상금은 홀몸 어르신과 한부모 가정 지원 사업에 다시 쓰겠다"고 말했다.
박서윤 기자 sypark@namdotimes.example
ⓒ 남도타임즈, 무단전재 및 재배포 금지
관련기사
· 김해시, 겨울철 한파 대비 취약계층 일제 점검
· 김해시 장유동, 이웃돕기 성금 전달식
"""

SUNCHEON = """\
순천시 '희망복지지원단 운영' 우수기관…포상금 1천만원
바다신문 | 기사입력 2022-12-12 09:31
(순천=바다신문) 정하늘 기자 = 전라남도 순천시는 보건복지부가 주관한 '2022년 지역복지사업 평가'에서 희망복지지원단 운영 분야 우수기관으로 뽑혀 포상금 1천만원을 받았다고 12일 밝혔다.
시는 올해 통합사례관리사를 늘리고 읍면동 복지 담당자와 함께 고위험 가구를 한 달에 한 번 이상 찾아가 살피는 방식으로 사례관리의 질을 높였다.
또 병원, 복지관, 자원봉사센터와 위기가구 정보를 나누는 협약을 맺어 도움이 필요한 가구를 더 빨리 찾아냈다는 평가를 받았다.
시 관계자는 "이번 수상을 계기로 한 사람도 놓치지 않는 복지 안전망을 만들겠다"고 말했다.
jhn@badanews.example
<저작권자 © 바다신문 무단전재 및 재배포금지>
페이스북 트위터 카카오톡 URL복사
"""

SEONGBUK = """\
성북구, '2023 지역복지사업 평가' 대상 영예
서울 | 2023-12-20 11:05
기사 글자크기 조정  인쇄하기
[중부데일리 오세진 기자] 서울 성북구가 보건복지부 주관 '2023년 지역복지사업 평가'에서 찾아가는 보건복지서비스 제공 분야 대상을 받았다. 구는 포상금 5천만원도 함께 받는다.
성북구는 동 주민센터 방문간호사와 복지 공무원이 한 팀이 되어 65세 이상 어르신과 출산 가정을 직접 찾아가는 상담을 이어 왔다. 지난해부터는 고독사 위험이 높은 1인 가구를 따로 관리하는 안부 확인 사업도 시작했다.
심사위원들은 방문 상담 뒤 실제 서비스 연계로 이어진 비율이 높고, 주민 모임이 이웃 돌봄에 적극 참여한 점을 높이 샀다.
구청장은 "동네마다 발로 뛴 직원들과 주민들이 함께 받은 상"이라고 소감을 밝혔다.
오세진 기자 sejin.oh@jungbudaily.example
Copyright ⓒ 중부데일리. All rights reserved. 무단 전재 및 재배포 금지.
많이 본 뉴스
1 성북구, 어르신 일자리 박람회 열어
2 서울 아침 영하 10도…한파 특보
"""

GYEONGGI = """\
경기도가 보건복지부 주관 '2023년 지역복지사업 평가' 광역자치단체 부문에서 민관협력 및 자원연계 분야 최우수 기관으로 뽑혀 포상금 1억원을 받았다.
도는 시군 지역사회보장협의체 활동을 돕는 전담 인력을 두고, 기업과 복지기관을 잇는 나눔 플랫폼을 운영해 지난해에만 200억원 규모의 민간 자원을 취약계층에 연결했다. 올해는 시군별 복지 자원 지도를 처음 만들어 어느 동네에 어떤 도움이 모자란지 한눈에 볼 수 있게 했다.
도 관계자는 "민간의 나눔이 꼭 필요한 곳에 닿도록 연결 고리 역할을 계속하겠다"며 "포상금은 시군 협의체 역량 강화 교육에 쓰겠다"고 밝혔다.
ⓒ 한빛일보 무단전재 및 재배포 금지"""

SUSEONG = """\
[한빛일보 류지안 기자] 대구 수성구는 행정안전부 주관 '2021년 지방자치단체 합동평가'에서 우수 기관으로 뽑힌 데 이어 보건복지부 '2021년 지역복지사업 평가'에서도 민관협력 및 자원연계 분야 장려상을 받았다고 15일 밝혔다.
지역복지사업 평가에서는 포상금 500만원을 받는다. 수성구는 동 단위 나눔 냉장고와 이웃 돌봄단을 운영하며 주민이 직접 위기 이웃을 찾아 알리는 구조를 만든 점이 좋은 평가를 받았다.
구 관계자는 "두 평가에서 잇따라 좋은 결과를 얻어 기쁘다"며 "나눔 문화가 동네마다 자리 잡도록 힘쓰겠다"고 말했다.
류지안 기자 jian@hanbit.example"""

CHUNCHEON = """\
강원 춘천시가 내년 3월 퇴계동에 종합사회복지관을 새로 연다. 복지관은 지하 1층, 지상 4층 규모로 어르신 식당과 아동 돌봄센터, 장애인 주간보호시설이 함께 들어선다.
시는 그동안 복지관이 없어 먼 곳까지 다녀야 했던 주민들의 불편이 크게 줄 것으로 내다봤다. 운영은 공모로 뽑은 사회복지법인이 맡고, 개관 첫해에는 주민 설명회와 무료 건강 상담을 연다. 사업비는 국비와 시비를 합쳐 80억원이 들었다.
시 관계자는 "주민 의견을 모아 프로그램을 짜고, 주말에도 문을 여는 방안을 검토하겠다"고 말했다.
ⓒ 한빛일보 무단전재 및 재배포 금지"""

NEWSWIRE = [
    {
        "text": GYEONGGI,
        "url": "https://hanbit-news.example/articles/2023/12/gyeonggi-welfare-award",
        "title": "경기도, 지역복지사업 평가 민관협력 분야 최우수",
        "published": "2023-12-21",
        "outlet": "한빛일보",
    },
    {
        "text": SUSEONG,
        "url": "https://hanbit-news.example/articles/2021/12/suseong-two-awards",
        "title": "수성구, 합동평가 이어 지역복지사업 평가도 수상",
        "published": "2021-12-15T10:20:00+09:00",
        "outlet": "한빛일보",
    },
    {
        "text": CHUNCHEON,
        "url": "https://hanbit-news.example/articles/2023/11/chuncheon-welfare-center",
        "title": "춘천 퇴계동 종합사회복지관 내년 3월 개관",
        "published": "2023-11-02",
        "outlet": "한빛일보",
    },
]

# Good records around the malformed line of bad/malformed.jsonl.
NOTICE_A = """\
부산 해운대구는 겨울철 난방비 부담이 큰 저소득 가구 1천200곳에 가구당 20만원의 난방비를 지원한다고 밝혔다. 대상은 기초생활수급 가구와 차상위 가구로, 별도 신청 없이 다음 달 말까지 계좌로 지급된다.
구는 지원에서 빠진 가구가 없도록 동 주민센터를 통해 추가 신청도 받는다."""
NOTICE_B = """\
광주 북구는 중장년 1인 가구를 위한 요리 교실과 건강 상담을 매주 목요일 북구 복지관에서 연다. 참가비는 없고, 40세에서 64세 사이 혼자 사는 주민이면 누구나 참여할 수 있다.
구는 고립 위험이 높은 중장년 가구가 이웃과 어울릴 수 있도록 모임 활동도 함께 지원할 계획이다."""


def jsonl(records):
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=9, mtime=0)


def write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    print(f"{path.relative_to(ROOT)}: {len(data)} bytes")


def main() -> None:
    for text in (GIMHAE, SUNCHEON, SEONGBUK, GYEONGGI, SUSEONG, CHUNCHEON):
        assert 300 <= len(text) <= 800, (len(text), text[:30])

    write(FEEDS / "gyeongnam-cp949.txt", GIMHAE.replace("\n", "\r\n").encode("cp949"))
    write(FEEDS / "jeonnam-utf16le.txt", b"\xff\xfe" + SUNCHEON.encode("utf-16-le"))
    write(FEEDS / "seoul.txt.gz", gz(SEONGBUK.encode("utf-8")))
    write(FEEDS / "newswire.jsonl", jsonl(NEWSWIRE).encode("utf-8"))

    write(BAD / "empty.txt", b"")
    # A PNG signature and header chunk saved under a .txt name: NUL bytes.
    png = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR\x00\x00\x02\x80\x00\x00\x01\xe0\x08\x06\x00\x00\x00"
    write(BAD / "binary.txt", png + bytes(range(256)))
    write(BAD / "too_short.txt", "[알림] 이 기사는 삭제되었습니다.\n".encode("utf-8"))
    malformed = (
        json.dumps({"text": NOTICE_A, "outlet": "한빛일보"}, ensure_ascii=False) + "\n"
        # A record cut off by a crashed scraper: no closing quote and brace.
        + '{"text": "대전 서구는 올해 지역복지사업 평가 준비를 위해 복지 담당자 워크숍을 열\n'
        + json.dumps({"text": NOTICE_B, "outlet": "한빛일보"}, ensure_ascii=False) + "\n"
    )
    write(BAD / "malformed.jsonl", malformed.encode("utf-8"))
    full = gz(SEONGBUK.encode("utf-8"))
    write(BAD / "truncated.txt.gz", full[: len(full) // 2])
    write(BAD / "report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n%%EOF\n")


if __name__ == "__main__":
    main()

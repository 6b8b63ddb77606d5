"""Truto's official Python SDK, unchanged, against the fake: pagination through its async iterator, get, create,
update, delete, Truto's parameters, and errors."""

import asyncio

import aiohttp
import pytest
from truto_python_sdk import TrutoApi

from conftest import ACCOUNT, TOKEN, USERS

API, RESOURCE = "user-directory", "users"
PATH = "/unified/user-directory/users"


def sdk(fake, token=TOKEN):
    return TrutoApi(token, base_url=fake.url)


def test_the_async_iterator_follows_every_cursor(fake):
    async def every_user():
        pages = sdk(fake).unified_api.list(API, RESOURCE, {"integrated_account_id": ACCOUNT, "limit": 50})
        return [user["id"] async for user in pages]

    ids = asyncio.run(every_user())
    assert ids == [f"u{n:03}" for n in range(USERS)]
    lists = fake.requests()
    assert [request["path"] for request in lists] == [PATH] * 3, "120 users in pages of 50"
    assert all(fake.query(request, "limit") == ["50"] for request in lists)
    assert fake.query(lists[0], "next_cursor") == []
    assert all(len(fake.query(request, "next_cursor")) == 1 for request in lists[1:])
    assert all(request["status"] == 200 for request in lists)


def test_get_create_update_delete(fake):
    unified = sdk(fake).unified_api
    query = {"integrated_account_id": ACCOUNT}

    async def scenario():
        got = await unified.get(API, RESOURCE, "u007", query)
        created = await unified.create(API, RESOURCE, {"name": "Grace"}, query)
        updated = await unified.update(API, RESOURCE, created["id"], {"title": "Admiral"}, query)
        deleted = await unified.delete(API, RESOURCE, "u007", query)
        with pytest.raises(aiohttp.ClientResponseError) as gone:
            await unified.get(API, RESOURCE, "u007", query)
        remaining = await unified.list(API, RESOURCE, dict(query)).to_array()
        return got, created, updated, deleted, gone.value.status, remaining

    got, created, updated, deleted, gone, remaining = asyncio.run(scenario())
    assert got == {"id": "u007", "name": "User 7", "remote_data": {"raw": 7}}
    assert created == {"id": "fake-1", "name": "Grace"}
    assert updated == {"id": "fake-1", "name": "Grace", "title": "Admiral"}
    assert deleted == {"id": "u007"}
    assert gone == 404
    assert len(remaining) == USERS and remaining[-1]["id"] == "fake-1"
    methods = [(request["method"], request["status"]) for request in fake.requests()[:5]]
    assert methods == [("GET", 200), ("POST", 201), ("PATCH", 200), ("DELETE", 200), ("GET", 404)]
    assert fake.requests()[1]["body"] == {"name": "Grace"}


def test_trutos_parameters_in_the_sdks_encoding(fake):
    query = {
        "integrated_account_id": ACCOUNT,
        "limit": 2,
        "truto_exclude_fields": ["name"],
        "truto_ignore_remote_data": True,
        "remote_query": {"filter": {"status": "active"}},
    }
    page = asyncio.run(sdk(fake).unified_api.list(API, RESOURCE, query).next_page())
    assert page == [{"id": "u000"}, {"id": "u001"}]
    [request] = fake.requests()
    assert fake.query(request, "truto_exclude_fields[]") == ["name"]
    assert fake.query(request, "truto_ignore_remote_data") == ["true"]
    assert fake.query(request, "remote_query[filter][status]") == ["active"]
    headers = dict(request["headers"])
    assert headers["authorization"] == "Bearer [redacted]"


def test_errors_are_http_errors_to_the_sdk(fake):
    async def status_of(call):
        try:
            await call
        except aiohttp.ClientResponseError as error:
            return error.status
        return 200

    wrong_token = sdk(fake, "wrong").unified_api.get(API, RESOURCE, "u000", {"integrated_account_id": ACCOUNT})
    unknown_account = sdk(fake).unified_api.get(API, RESOURCE, "u000", {"integrated_account_id": "nobody"})
    no_account = sdk(fake).unified_api.get(API, RESOURCE, "u000", {})
    statuses = [asyncio.run(status_of(call)) for call in (wrong_token, unknown_account, no_account)]
    assert statuses == [401, 404, 400]

"""boto3 conformance: the list_resources and list_resource_requests paginators
(spec cloudcontrol-api.md §3.3, §3.7; botocore PaginationError on a repeated token)."""

import unittest

import boto3_support as support
from boto3_support import TYPE_NAME, Boto3TestCase, salesforce_model

COUNT = 25


def setUpModule():
    support.isolate_environment()


def tearDownModule():
    support.restore_environment()


class PaginatorTest(Boto3TestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.names = [f"page-{i:02d}" for i in range(COUNT)]

    def setUp(self):
        super().setUp()
        self.tokens = [self.create_ok(salesforce_model(name))["RequestToken"] for name in self.names]

    def pages(self, operation, **kwargs):
        pages = list(self.cc.get_paginator(operation).paginate(**kwargs))  # PaginationError would raise here
        for page in pages:
            self.assertRequestId(page)
        return pages

    def assertSizes(self, pages, size):
        self.assertTrue(all(len(items) == size for items in pages[:-1]), [len(items) for items in pages])
        self.assertLessEqual(len(pages[-1]), size)

    def test_list_resources_page_size_1(self):
        pages = self.pages("list_resources", TypeName=TYPE_NAME, PaginationConfig={"PageSize": 1})
        self.assertEqual(len(pages), COUNT)
        for page in pages:
            self.assertEqual(page["TypeName"], TYPE_NAME)
            self.assertEqual(len(page["ResourceDescriptions"]), 1)
        self.assertNotIn("NextToken", pages[-1])
        ids = [d["Identifier"] for page in pages for d in page["ResourceDescriptions"]]
        self.assertCountEqual(ids, self.names)  # every resource exactly once

    def test_list_resources_full_result(self):
        result = (self.cc.get_paginator("list_resources")
                  .paginate(TypeName=TYPE_NAME, PaginationConfig={"PageSize": 4}).build_full_result())
        self.assertEqual(result["TypeName"], TYPE_NAME)  # non-aggregate key (paginators-1.sdk-extras.json)
        self.assertCountEqual([d["Identifier"] for d in result["ResourceDescriptions"]], self.names)
        self.assertNotIn("NextToken", result)

    def test_list_resources_resumes_from_starting_token(self):
        paginator = self.cc.get_paginator("list_resources")
        first = paginator.paginate(TypeName=TYPE_NAME, PaginationConfig={"PageSize": 1, "MaxItems": 7})
        head = first.build_full_result()
        self.assertEqual(len(head["ResourceDescriptions"]), 7)
        self.assertIn("NextToken", head)
        rest = paginator.paginate(TypeName=TYPE_NAME, PaginationConfig={
            "PageSize": 1, "StartingToken": head["NextToken"]}).build_full_result()
        ids = [d["Identifier"] for d in head["ResourceDescriptions"] + rest["ResourceDescriptions"]]
        self.assertCountEqual(ids, self.names)

    def test_list_resources_default_page_holds_all(self):
        # [I] without MaxResults ccemu answers a page of up to 100
        pages = self.pages("list_resources", TypeName=TYPE_NAME)
        self.assertEqual(len(pages), 1)
        self.assertEqual(len(pages[0]["ResourceDescriptions"]), COUNT)

    def test_list_resource_requests_page_size_1(self):
        pages = self.pages("list_resource_requests", PaginationConfig={"PageSize": 1})
        self.assertEqual(len(pages), COUNT)
        summaries = [s for page in pages for s in page.get("ResourceRequestStatusSummaries", [])]
        self.assertSizes([page["ResourceRequestStatusSummaries"] for page in pages], 1)
        self.assertEqual(len(summaries), COUNT)
        self.assertCountEqual([s["RequestToken"] for s in summaries], self.tokens)  # each exactly once
        # [I] newest first
        self.assertEqual([s["Identifier"] for s in summaries], list(reversed(self.names)))
        for summary in summaries:
            self.assertEqual(summary["Operation"], "CREATE")
            self.assertEqual(summary["OperationStatus"], "SUCCESS")
            self.assertNotIn("ResourceModel", summary)
        for page in pages[:-1]:
            self.assertRegex(page["NextToken"], support.TOKEN)

    def test_list_resource_requests_default_page_is_20(self):
        pages = self.pages("list_resource_requests")
        self.assertEqual([len(p["ResourceRequestStatusSummaries"]) for p in pages], [20, COUNT - 20])

    def test_list_resource_requests_filtered_pages(self):
        for name in self.names[:3]:
            self.wait(self.cc.delete_resource(TypeName=TYPE_NAME, Identifier=name)["ProgressEvent"]["RequestToken"])
        for filters, expected in (
            ({"Operations": ["DELETE"]}, 3),
            ({"Operations": ["CREATE"], "OperationStatuses": ["SUCCESS"]}, COUNT),
            ({"OperationStatuses": ["SUCCESS"]}, COUNT + 3),
            ({"OperationStatuses": ["FAILED"]}, 0),
        ):
            with self.subTest(filters=filters):
                pages = self.pages("list_resource_requests", ResourceRequestStatusFilter=filters,
                                   PaginationConfig={"PageSize": 2})
                summaries = [s for page in pages for s in page.get("ResourceRequestStatusSummaries", [])]
                self.assertEqual(len(summaries), expected)
                self.assertEqual(len({s["RequestToken"] for s in summaries}), expected)

    def test_empty_list_resources(self):
        self.server.reset()
        pages = self.pages("list_resources", TypeName=TYPE_NAME, PaginationConfig={"PageSize": 1})
        self.assertEqual(len(pages), 1)
        self.assertEqual(pages[0]["ResourceDescriptions"], [])
        self.assertNotIn("NextToken", pages[0])


if __name__ == "__main__":
    unittest.main()
